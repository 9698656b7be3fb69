"""Staging and atomic commit of lake versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from territoria.catalog.slugs import InvalidSlugError
from territoria.errors import InternalError
from territoria.storage.atomic import VersionConflictError
from territoria.storage.lake import Lake
from territoria.storage.quarantine import has_quarantine, quarantine_files, quarantine_lake_path

RowsWriter = Callable[[Path, int], None]


def test_stage_then_commit_creates_the_version_folder(lake: Lake, write_rows: RowsWriter) -> None:
    with lake.stage("eau") as staged:
        assert staged.folder.parent == lake.staging_dir and staged.lock_path.exists()
        write_rows(staged.data_path, 5)
        staged.report_path.write_text(json.dumps({"valid": True}))
        assert not lake.exists("eau", 1)
        path = staged.commit(1)
    assert path == "eau/v1"
    assert lake.exists("eau", 1) and lake.versions_on_disk() == {"eau/v1"}
    assert pq.read_table(lake.data_file(path)).num_rows == 5
    assert json.loads(lake.report_file(path).read_text()) == {"valid": True}
    assert list(lake.staging_dir.iterdir()) == []
    assert not has_quarantine(lake.version_dir(path)) and quarantine_files(lake.root, path) is None


def test_quarantine_file_travels_with_the_version(lake: Lake, write_rows: RowsWriter) -> None:
    with lake.stage("eau") as staged:
        write_rows(staged.data_path, 3)
        write_rows(staged.quarantine_path, 1)
        path = staged.commit(1)
    files = quarantine_files(lake.root, path)
    assert files is not None and pq.read_table(files[0]).num_rows == 1
    assert quarantine_lake_path(path) == "eau/v1/quarantine.parquet"


def test_commit_refuses_to_overwrite_an_existing_version(
    lake: Lake, write_rows: RowsWriter
) -> None:
    with lake.stage("eau") as staged:
        write_rows(staged.data_path, 2)
        staged.commit(1)
    with lake.stage("eau") as staged, pytest.raises(VersionConflictError):
        write_rows(staged.data_path, 7)
        staged.commit(1)
    assert pq.read_table(lake.data_file("eau/v1")).num_rows == 2
    assert list(lake.staging_dir.iterdir()) == []


def test_uncommitted_stage_leaves_nothing(lake: Lake, write_rows: RowsWriter) -> None:
    with pytest.raises(RuntimeError), lake.stage("eau") as staged:
        write_rows(staged.data_path, 2)
        raise RuntimeError("writer failed")
    assert list(lake.staging_dir.iterdir()) == [] and lake.versions_on_disk() == set()


def test_commit_needs_data_and_happens_once(lake: Lake, write_rows: RowsWriter) -> None:
    with lake.stage("eau") as staged:
        with pytest.raises(InternalError):
            staged.commit(1)
        write_rows(staged.data_path, 1)
        staged.commit(1)
        with pytest.raises(InternalError):
            staged.commit(2)


def test_remove_version_rolls_back_a_commit(lake: Lake, write_rows: RowsWriter) -> None:
    with lake.stage("eau") as staged:
        write_rows(staged.data_path, 1)
        path = staged.commit(1)
    lake.remove_version(path)
    assert lake.versions_on_disk() == set() and list(lake.staging_dir.iterdir()) == []


@pytest.mark.parametrize("relative", ["../etc", "eau/v0", "eau/v1/..", "/eau/v1", "Eau/v1"])
def test_lake_paths_are_checked(lake: Lake, relative: str) -> None:
    with pytest.raises(InternalError):
        lake.version_dir(relative)


def test_stage_refuses_unsafe_slugs(lake: Lake) -> None:
    with pytest.raises(InvalidSlugError):
        lake.stage("../evil")


def test_lake_and_tmp_must_share_a_filesystem(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem at hand")
    with pytest.raises(InternalError):
        Lake(tmp_path / "lake", shm / f"territoria-{tmp_path.name}")
