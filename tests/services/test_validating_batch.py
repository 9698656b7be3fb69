"""validate_files, the service under ``territoria validate FILE...`` (and later the HTTP API)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from territoria.config import load_settings
from territoria.errors import SchemaError
from territoria.ingest.table import ReadOptions
from territoria.services.batch import BatchInput, expand_inputs, worst_exit_code
from territoria.services.validating import batch_jobs, validate_file, validate_files

DATA = Path(__file__).resolve().parents[1] / "data"
VALID = DATA / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"
INVALID = DATA / "samples" / "subventions" / "scdl-haute-garonne-datalocale-subvention.csv"


def test_paths_in_outcomes_out_an_unusable_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent-home")
    missing = tmp_path / "absent.csv"
    outcomes = list(
        validate_files([INVALID, missing, VALID], "scdl/subventions", ReadOptions(), settings)
    )
    assert [outcome.exit_code for outcome in outcomes] == [1, 2, 0]
    assert outcomes[1].error is not None and outcomes[1].report is None
    assert worst_exit_code(outcomes) == 2
    single = validate_file(INVALID, "scdl/subventions", ReadOptions(), settings)
    assert outcomes[0].report is not None
    assert outcomes[0].report.triples() == single.triples()
    assert not (tmp_path / "absent-home").exists()  # plain validation creates no instance


def test_a_bad_schema_is_one_error_for_the_batch(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "home")
    with pytest.raises(SchemaError):
        list(validate_files([VALID, INVALID], "scdl/nope", ReadOptions(), settings, jobs=2))


def test_workers_only_when_the_work_repays_them(tmp_path: Path) -> None:
    few = [BatchInput(shutil.copy(VALID, tmp_path / f"{i}.csv")) for i in range(3)]
    assert batch_jobs(few) == 1
    assert batch_jobs(few, jobs=3) == 3
    many = few * 6
    assert batch_jobs(many) == min(os.cpu_count() or 1, len(many))
    assert batch_jobs(expand_inputs([tmp_path / "nothing-*.csv"] * 20)) == 1
