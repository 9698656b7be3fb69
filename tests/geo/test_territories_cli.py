"""``territoria territories show|search`` as a real process: exit codes, French then English."""

import json
import os
import subprocess
import sys

import duckdb

from territoria.geo.contours import has_contour
from territoria.geo.geography import Geography

ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "territoria.cli.main", "territories", *args]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)


def test_show_in_text_and_json(db: duckdb.DuckDBPyConnection) -> None:
    text = _run("show", "commune:01015")
    assert text.returncode == 0, text.stderr
    assert "Arboys en Bugey" in text.stdout and "01340" in text.stdout
    done = _run("show", "departement:2A", "--format", "json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    population = db.sql(
        "SELECT sum(population) FROM t WHERE level = 'commune' AND departement = '2A'"
    )
    assert info["population"] == (population.fetchone() or [None])[0]
    assert info["parents"] == [{"id": "region:94", "name": "Corse", "level": "region"}]


def test_search_json_lists_the_best_first() -> None:
    done = _run("search", "saint etienne", "--limit", "3", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "commune:42218"
    piped = _run("search", "Ajaccio")
    assert piped.returncode == 0 and "commune:2A004" in piped.stdout.splitlines()[1]


def test_bad_and_unknown_ids_exit_2_in_both_languages() -> None:
    for bad in ("commune:99999", "75056"):
        done = _run("show", bad)
        assert done.returncode == 2, done.stderr
        assert "Erreur" in done.stderr and "Error" in done.stderr
        assert "Traceback" not in done.stderr + done.stdout
        assert done.stderr.index("Erreur") < done.stderr.index("Error")


def test_missing_contours_lists_every_territory_without_one(geo: Geography) -> None:
    done = _run("missing-contours", "--level", "commune", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)["commune"]
    expected = sorted(t.id for t in geo if t.level == "commune" and not has_contour(t.id))
    assert [m["id"] for m in report["missing"]] == expected and expected
    assert report["territories"] == sum(1 for t in geo if t.level == "commune")
    every = _run("missing-contours", "--format", "json")
    partial = json.loads(every.stdout)["epci"]["partial"]
    lacking = {
        t.id
        for t in geo
        if t.level == "epci" and {c.id for c in geo.children(t.id)} & set(expected)
    }
    assert {p["id"] for p in partial} == lacking and lacking
    bad = _run("missing-contours", "--level", "ville")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_show_a_past_vintage_and_refuse_a_future_one() -> None:
    done = _run("show", "commune:01340@2015")
    assert done.returncode == 0, done.stderr
    assert "commune:01015" in done.stdout and "commune:01340@2015" in done.stdout
    future = _run("show", "commune:75056@2030")
    assert future.returncode == 2 and "millésime" in future.stderr and "vintage" in future.stderr
