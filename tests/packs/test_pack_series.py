"""A pack dataset's series across yearly files, on the real État 4001 files: a second year
carries the first over; a stored layout that cannot take the new rows without loss refuses
the file (nothing stored, the lake as it was) unless the series is replaced on purpose; a
concurrent ingest is built on again, never overwritten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from pack_homes import SAMPLES, ingest, installed, latest_rows
from pack_server import served
from typer.testing import CliRunner

from territoria.catalog import repository as repo
from territoria.cli.main import app
from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.registry import role_for_slug
from territoria.packs.transform import transform
from territoria.services.committing import StaleVersionError
from territoria.services.ingesting import ingest_file
from territoria.services.instance import open_instance
from territoria.services.pack_reading import read_raw
from territoria.services.pack_series import SeriesLayoutError, reconcile
from territoria.storage.phases import MARKER, PAUSE_VARIABLE, RESUME_VARIABLE

SLUG = "securite-etat4001"
ETAT_2006 = SAMPLES / "securite/etat4001-faits2006-par-departement.csv"
ETAT_2010 = SAMPLES / "securite/etat4001-faits2010-par-departement.csv"
ROWS_PER_YEAR = 103 * 96  # État 4001: 103 indexes × 96 départements of metropolitan France
ADMIN_TOKEN = "series-test-admin-token"


def _tidy(settings: Settings, path: Path) -> pa.Table:
    role = role_for_slug(SLUG)
    assert role is not None
    return transform(role, read_raw(path, ReadOptions(), settings)).table


def _store_as_is(settings: Settings, table: pa.Table, folder: Path) -> None:
    """A version holding ``table`` as it is, as an earlier pack version laid its rows out."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "earlier-layout.parquet"
    pq.write_table(table, path)
    ingest_file(
        path,
        SLUG,
        schema_ref=None,
        org_code=None,
        quarantine=False,
        options=ReadOptions(format="parquet"),
        settings=settings,
        route=False,
    )


def _versions(settings: Settings) -> list[tuple[int, int]]:
    """(number, stored rows) of every version of the dataset, as the lake holds them."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            dataset = repo.require_dataset(session, SLUG)
            found = []
            for version in sorted(dataset.versions, key=lambda v: v.number):
                rows = pq.read_metadata(instance.lake.data_file(version.lake_path)).num_rows
                found.append((version.number, rows))
            return found
    finally:
        instance.close()


def _keys(rows: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(r["territoire"], r["periode"], r["index_4001"], r["faits"]) for r in rows}


def test_a_second_year_carries_the_first_over(tmp_path: Path) -> None:
    """The 2010 file adds its year to 2006's, every 2006 row kept; its rows commit only on top
    of the version they were built on."""
    settings = installed(tmp_path / "home", "securite")
    first = ingest(settings, ETAT_2006, SLUG)
    assert first.pack is not None
    assert first.pack["transform"]["series"] == {
        "basedOn": None,
        "replaceSeries": False,
        "periodsAdded": ["2006"],
        "periodsCarriedOver": [],
        "periodsReplaced": [],
        "periodsDropped": [],
    }
    rows_2006 = latest_rows(settings, SLUG)
    # rows built on no version (as by an ingest that began before 2006 landed) are refused
    # by the commit, inside the writers' turn: they would drop the 2006 rows
    with pytest.raises(StaleVersionError) as stale:
        _store_stale(settings, _tidy(settings, ETAT_2010), tmp_path / "files")
    assert stale.value.http_status == 409
    assert stale.value.details == {"slug": SLUG, "basedOn": 0, "latest": 1}
    assert _versions(settings) == [(1, ROWS_PER_YEAR)]
    second = ingest(settings, ETAT_2010, SLUG)
    assert second.pack is not None
    series = second.pack["transform"]["series"]
    assert series["basedOn"] == 1
    assert series["periodsAdded"] == ["2010"]
    assert series["periodsCarriedOver"] == ["2006"]
    assert series["rowsCarriedOver"] == ROWS_PER_YEAR
    assert series["periodsReplaced"] == series["periodsDropped"] == []
    assert series["layoutChanges"] == []
    both = latest_rows(settings, SLUG)
    assert _keys(rows_2006) <= _keys(both)  # every stored 2006 row is still there, unchanged
    assert len(both) == 2 * ROWS_PER_YEAR
    again = ingest(settings, ETAT_2010, SLUG)  # the same year again replaces only itself
    assert not again.created and _versions(settings) == [(1, ROWS_PER_YEAR), (2, 2 * ROWS_PER_YEAR)]


def test_a_reorderable_layout_is_reconciled_and_carried_over(tmp_path: Path) -> None:
    """An earlier layout with the same columns in another order, and without a column the new
    one adds empty: the 2006 rows are carried over, the changes reported."""
    settings = installed(tmp_path / "home", "securite")
    earlier = _tidy(settings, ETAT_2006).select(["faits", "index_4001", "periode", "territoire"])
    _store_as_is(settings, earlier, tmp_path / "files")
    schema = _tidy(settings, ETAT_2010).schema.append(pa.field("commentaire", pa.string()))
    carried, changes, problems = reconcile(earlier, schema, required=set())
    assert problems == []
    assert changes == [
        {"column": "commentaire", "change": "added"},
        {"column": "*", "change": "reordered"},
    ]
    assert carried.column_names == schema.names
    assert carried["commentaire"].null_count == earlier.num_rows
    result = ingest(settings, ETAT_2010, SLUG)
    assert result.pack is not None
    series = result.pack["transform"]["series"]
    assert (series["periodsCarriedOver"], series["rowsCarriedOver"]) == (["2006"], ROWS_PER_YEAR)
    assert series["layoutChanges"] == [{"column": "*", "change": "reordered"}]
    stored = latest_rows(settings, SLUG)
    assert _keys(earlier.to_pylist()) <= _keys(stored)
    assert len(stored) == 2 * ROWS_PER_YEAR


def test_reconcile_casts_only_without_loss() -> None:
    """A widening cast (int32 → int64, a stored date back to its text) is made; a cast that
    would lose values (decimals to integers, ``"007"`` to 7), a removed column holding values
    or an added required column is a problem, named."""
    old = pa.table(
        {
            "periode": ["2006", "2007"],
            "n": pa.array([1, 2], pa.int32()),
            "jour": pa.array([13149, 13150], pa.date32()),
            "x": [1.5, 2.0],
            "code": ["007", "12"],
            "vide": pa.nulls(2, pa.string()),
        }
    )
    widened = pa.schema(
        [
            ("periode", pa.string()),
            ("n", pa.int64()),
            ("jour", pa.string()),
            ("x", pa.float64()),
            ("code", pa.string()),
        ]
    )
    carried, changes, problems = reconcile(old, widened, required=set())
    assert problems == []
    assert changes == [{"column": "vide", "change": "dropped-empty"}]
    assert carried.to_pydict()["jour"] == ["2006-01-01", "2006-01-02"]
    assert carried.to_pydict()["n"] == [1, 2]
    narrowed = pa.schema(
        [
            ("periode", pa.string()),
            ("n", pa.int64()),
            ("x", pa.int64()),
            ("code", pa.int64()),
            ("obligatoire", pa.string()),
        ]
    )
    _, _, problems = reconcile(old, narrowed, required={"obligatoire"})
    assert [(p.column, p.en) for p in problems] == [
        ("x", "column 'x': double → int64 would lose values"),
        ("code", "column 'code': string → int64 would lose values"),
        ("obligatoire", "column 'obligatoire' added, required"),
        ("jour", "column 'jour' removed"),
    ]


def test_a_layout_change_is_refused_then_the_series_replaced_on_purpose(tmp_path: Path) -> None:
    """The 2006 rows of an earlier layout with a column the pack no longer has: the 2010 file
    is refused (409, both languages, the periods named, the lake as it was); over HTTP and the
    CLI alike, ``replace_series`` makes the file the whole series, version 1 kept in history."""
    settings = installed(tmp_path / "home", "securite")
    earlier = _tidy(settings, ETAT_2006)
    earlier = earlier.append_column(
        "code_index", pc.cast(pc.utf8_length(earlier["index_4001"]), pa.string())
    )
    _store_as_is(settings, earlier, tmp_path / "files")
    before = latest_rows(settings, SLUG)
    with pytest.raises(SeriesLayoutError) as refused:
        ingest(settings, ETAT_2010, SLUG)
    error = refused.value
    assert error.http_status == 409
    assert f"périodes 2006 ({ROWS_PER_YEAR} lignes)" in error.message_fr
    assert "column 'code_index' removed" in error.message_en
    assert "--replace-series" in (error.hint_fr or "") and "replace_series=true" in (
        error.hint_en or ""
    )
    assert error.details["periodsLost"] == ["2006"] and error.details["rowsLost"] == ROWS_PER_YEAR
    assert _versions(settings) == [(1, ROWS_PER_YEAR)]
    assert latest_rows(settings, SLUG) == before

    code, output = _cli(settings.home, "ingest", ETAT_2010, "--dataset", SLUG)
    assert code == 2 and "seraient perdues" in output and "would be lost" in output
    assert _versions(settings) == [(1, ROWS_PER_YEAR)]

    served_settings = Settings(home=settings.home, admin_token=ADMIN_TOKEN)
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    url = f"/api/v1/datasets/{SLUG}/versions"
    with served(served_settings) as base, httpx.Client(base_url=base, timeout=120) as http:
        with ETAT_2010.open("rb") as stream:
            answer = http.post(url, files={"file": (ETAT_2010.name, stream)}, headers=headers)
        assert answer.status_code == 409, answer.text
        body = answer.json()
        assert body["error_code"] == "series-layout-changed"
        assert body["details"]["periodsLost"] == ["2006"]
        assert _versions(settings) == [(1, ROWS_PER_YEAR)]
        with ETAT_2010.open("rb") as stream:
            answer = http.post(
                url,
                params={"replace_series": "true"},
                files={"file": (ETAT_2010.name, stream)},
                headers=headers,
            )
        assert answer.status_code == 201, answer.text
        series = answer.json()["pack"]["transform"]["series"]
    assert series["replaceSeries"] is True
    assert (series["periodsDropped"], series["rowsDropped"]) == (["2006"], ROWS_PER_YEAR)
    assert series["periodsCarriedOver"] == []
    assert {r["periode"] for r in latest_rows(settings, SLUG)} == {"2010"}
    assert _versions(settings) == [(1, ROWS_PER_YEAR), (2, ROWS_PER_YEAR)]  # 2006 in history

    code, output = _cli(settings.home, "ingest", ETAT_2006, "--dataset", SLUG, "--replace-series")
    assert code == 0, output
    assert "supprimées / dropped: 2010" in output
    assert {r["periode"] for r in latest_rows(settings, SLUG)} == {"2006"}


def _cli(home: Path, *args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--home", str(home), *map(str, args)])
    return result.exit_code, result.output


def _store_stale(settings: Settings, table: pa.Table, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stale.parquet"
    pq.write_table(table, path)
    role = role_for_slug(SLUG)
    assert role is not None
    ingest_file(
        path,
        SLUG,
        schema_ref=role.tidy_schema,
        org_code=None,
        quarantine=False,
        options=ReadOptions(format="parquet"),
        settings=settings,
        route=False,
        based_on=0,
    )


def test_concurrent_ingests_keep_both_years(tmp_path: Path) -> None:
    """A real ``territoria ingest`` of 2006 paused after it read the (empty) series; 2010 is
    ingested meanwhile; resumed, the 2006 ingest builds on the 2010 version: both years."""
    settings = installed(tmp_path / "home", "securite")
    resume = tmp_path / "resume"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERRITORIA_")}
    env |= {PAUSE_VARIABLE: "validating", RESUME_VARIABLE: str(resume)}
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(settings.home)]
    command += ["ingest", str(ETAT_2006), "--dataset", SLUG, "--format", "json"]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as paused:
        assert paused.stderr is not None
        for line in paused.stderr:
            if line.startswith(f"{MARKER}:validating"):
                break
        else:
            pytest.fail(f"no pause: {paused.wait()}")
        meanwhile = ingest(settings, ETAT_2010, SLUG)
        assert meanwhile.version is not None and meanwhile.version.number == 1
        resume.touch()
        out, err = paused.communicate(timeout=300)
    assert paused.returncode == 0, err
    pack = json.loads(out)["pack"]["transform"]["series"]
    assert (pack["basedOn"], pack["periodsCarriedOver"]) == (1, ["2010"])
    assert {r["periode"] for r in latest_rows(settings, SLUG)} == {"2006", "2010"}
    assert _versions(settings) == [(1, ROWS_PER_YEAR), (2, 2 * ROWS_PER_YEAR)]
