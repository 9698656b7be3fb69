"""Recovery erases leftovers and unreferenced versions, never referenced ones or live writers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from territoria.storage.atomic import acquire_lock
from territoria.storage.lake import Lake
from territoria.storage.recovery import recover


def _commit(lake: Lake, slug: str, number: int) -> str:
    with lake.stage(slug) as staged:
        staged.data_path.write_bytes(b"PAR1")
        return staged.commit(number)


def test_recovery_keeps_referenced_and_erases_the_rest(lake: Lake) -> None:
    kept = {_commit(lake, "eau", 1), _commit(lake, "dechets", 1)}
    orphan = _commit(lake, "eau", 2)
    leftover = lake.staging_dir / "eau.0123abcd"
    leftover.mkdir()
    (leftover / "data.parquet").write_bytes(b"PAR")
    (lake.staging_dir / "dechets.99.lock").write_text("")
    (lake.staging_dir / "~trash.42").mkdir()

    report = recover(lake, kept)

    assert report.removed_versions == [orphan]
    assert set(report.removed_staging) == {"eau.0123abcd", "dechets.99", "~trash.42"}
    assert lake.versions_on_disk() == kept
    assert list(lake.staging_dir.iterdir()) == []
    for path in kept:
        assert lake.data_file(path).read_bytes() == b"PAR1"


def test_recovery_leaves_unknown_files_alone(lake: Lake) -> None:
    (lake.root / "eau").mkdir()
    (lake.root / "eau" / "README").write_text("kept")
    (lake.root / "eau" / "notes").mkdir()
    (lake.root / "Not A Slug" / "v1").mkdir(parents=True)
    report = recover(lake, set())
    assert report.removed_versions == []
    assert (lake.root / "eau" / "README").exists() and (lake.root / "eau" / "notes").exists()
    assert (lake.root / "Not A Slug" / "v1").is_dir()


def test_recovery_spares_a_live_writer_in_another_process(lake: Lake) -> None:
    script = (
        "import sys, time; from pathlib import Path\n"
        "from territoria.storage.lake import Lake\n"
        "lake = Lake(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "staged = lake.stage('eau')\n"
        "staged.data_path.write_bytes(b'x')\n"
        "staged.commit(2)\n"
        "print('committed', flush=True); time.sleep(60)\n"
    )
    _commit(lake, "eau", 1)
    command = [sys.executable, "-c", script, str(lake.root), str(lake.staging_dir.parent)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as writer:
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "committed"
            report = recover(lake, {"eau/v1"})  # v2 renamed, its metadata not yet committed
            assert report.busy_slugs == {"eau"} and report.removed_versions == []
            assert lake.versions_on_disk() == {"eau/v1", "eau/v2"}
        finally:
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait()
    report = recover(lake, {"eau/v1"})  # the writer died: its lock is free
    assert report.removed_versions == ["eau/v2"] and lake.versions_on_disk() == {"eau/v1"}


def test_recovery_erases_scratch_areas_of_killed_processes_only(lake: Lake) -> None:
    script = (
        "import sys, time; from pathlib import Path\n"
        "from territoria.storage.lake import Lake\n"
        "area = Lake(Path(sys.argv[1]), Path(sys.argv[2])).scratch()\n"
        "(area.path / 'utf8-copy.csv').write_text('a;b')\n"
        "print(area.path.name, flush=True); time.sleep(60)\n"
    )
    command = [sys.executable, "-c", script, str(lake.root), str(lake.staging_dir.parent)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as writer:
        assert writer.stdout is not None
        dead = writer.stdout.readline().strip()
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    assert (lake.scratch_dir / dead / "utf8-copy.csv").is_file()
    (lake.scratch_dir / "utf8-loose.csv").write_text("a;b")  # in no area: nobody knows its owner
    with lake.scratch() as live:
        (live.path / "spill.parquet").write_bytes(b"PAR1")
        report = recover(lake, set())
        assert report.removed_scratch == [dead]
        assert (live.path / "spill.parquet").is_file()
    assert sorted(p.name for p in lake.scratch_dir.iterdir()) == ["utf8-loose.csv"]


def test_recovery_reads_the_catalogue_again_before_erasing(lake: Lake) -> None:
    """A writer that commits and finishes between recovery's first reading of the catalogue
    and its removal of unreferenced folders keeps its version (a race of two processes)."""
    committed = _commit(lake, "eau", 1)
    readings = iter([set(), {committed}])  # stale at the first reading, committed at the next
    report = recover(lake, lambda: next(readings))
    assert report.removed_versions == [] and lake.versions_on_disk() == {committed}


def test_a_writer_holding_the_dataset_lock_keeps_recovery_off_its_versions(lake: Lake) -> None:
    orphan = _commit(lake, "eau", 1)
    fd = acquire_lock(lake.writers_lock("eau"), blocking=True, shared=True)  # as stage() does
    try:
        report = recover(lake, set())
        assert report.busy_slugs == {"eau"} and lake.versions_on_disk() == {orphan}
    finally:
        os.close(fd)
    assert recover(lake, set()).removed_versions == [orphan]
