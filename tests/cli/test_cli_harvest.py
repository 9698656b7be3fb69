"""``territoria harvest``: exit codes and bilingual messages of unusable sources, a dry run
that writes nothing, the JSON report, and a harvest killed (SIGKILL) then re-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harvest"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from fake_remote import Answer, fake_remote
from live_server import free_port
from test_harvest_recorded import CSV, _ods_routes

from territoria.catalog.models import Dataset, HarvestRecord, Version
from territoria.config import Settings
from territoria.services.instance import open_instance

ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
FAST = ("--retries", "0", "--timeout", "5")


def _counts(home: Path) -> tuple[int, int, int]:
    """Datasets, versions and harvest records of the instance in ``home``."""
    instance = open_instance(Settings(home=home))
    try:
        with instance.session() as session:
            return tuple(  # type: ignore[return-value]
                session.scalar(select(func.count()).select_from(model))
                for model in (Dataset, Version, HarvestRecord)
            )
    finally:
        instance.close()


def test_an_unreachable_source_exits_2_in_both_languages(ready: object) -> None:
    result = ready(  # type: ignore[operator]
        "harvest", f"http://127.0.0.1:{free_port()}", *FAST
    )
    assert result.exit_code == 2
    assert "injoignable" in result.output and "unreachable" in result.output


def test_a_page_that_is_no_catalogue_exits_2(ready: object) -> None:
    page = Answer(b"<html><body>Bienvenue</body></html>", content_type="text/html")
    with fake_remote({}, fallback=page) as remote:
        result = ready("harvest", remote.url, *FAST)  # type: ignore[operator]
    assert result.exit_code == 2
    assert "n'est pas un catalogue" in result.output and "is not an Opendatasoft" in result.output


def test_a_dry_run_lists_and_writes_nothing(ready: object, home: Path) -> None:
    with fake_remote(_ods_routes()) as remote:
        result = ready("harvest", remote.url, "--dry-run", "--format", "json", *FAST)  # type: ignore[operator]
        asked = list(remote.asked)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["dryRun"] and report["counts"]["would-create"] == 4
    assert _counts(home) == (0, 0, 0)
    assert not [path for path in asked if "/download/" in path]  # no data fetched either


def test_the_json_report_says_what_failed_and_exits_1(ready: object, home: Path) -> None:
    with fake_remote(_ods_routes()) as remote:
        result = ready("harvest", remote.url, "--format", "json", *FAST)  # type: ignore[operator]
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["kind"] == "ods"
    assert report["counts"]["created"] == 2 and report["counts"]["failed"] == 2
    failed = {d["remoteId"]: d["error"] for d in report["datasets"] if d["action"] == "failed"}
    assert set(failed) == {"test-c", "test-d"} and all(e["fr"] and e["en"] for e in failed.values())
    assert _counts(home)[:2] == (2, 2)


@pytest.mark.slow
def test_a_killed_harvest_resumes_without_duplicates(ready: object, home: Path) -> None:
    routes = _ods_routes()
    release = threading.Event()
    routes["/explore/dataset/test-d/download/"] = Answer(CSV.read_bytes(), hang=release)
    with fake_remote(routes) as remote:
        command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), "harvest"]
        process = subprocess.Popen(
            [*command, remote.url, "--concurrency", "1", *FAST],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert remote.reached.wait(120), "the harvest never reached test-d"
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        finally:
            release.set()
            if process.poll() is None:
                process.kill()
                process.wait(30)
        # test-b in; test-c failed and test-d cut by the kill hold their reserved slugs only
        assert _counts(home) == (1, 1, 3)
        remote.routes["/explore/dataset/test-c/download/"] = Answer(CSV.read_bytes())
        remote.routes["/explore/dataset/test-d/download/"] = Answer(CSV.read_bytes())
        done = subprocess.run(
            [*command, remote.url, "--format", "json", *FAST],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    actions = {d["remoteId"]: d["action"] for d in report["datasets"]}
    assert actions == {
        "test-a": "created",
        "test-b": "unchanged",
        "test-c": "created",
        "test-d": "created",
    }
    assert _counts(home) == (4, 4, 4)
    assert sorted(d["slug"] for d in report["datasets"]) == ["test-a", "test-b", "test-c", "test-d"]


def test_the_text_report_is_bilingual_and_says_why(ready: object) -> None:
    with fake_remote(_ods_routes()) as remote:
        result = ready("harvest", remote.url, *FAST)  # type: ignore[operator]
    assert result.exit_code == 1
    out = result.output
    assert "test-a → test-a : créé / created" in out
    assert "test-c → test-c : échec / failed" in out and "HTTP 500" in out
    assert "2 créé / created, 2 échec / failed" in out
    assert "thèmes inconnus gardés en mots-clés / unknown themes kept as keywords" in out


@pytest.mark.slow
def test_ctrl_c_stops_the_harvest_and_says_how_to_resume(ready: object, home: Path) -> None:
    routes = _ods_routes()
    release = threading.Event()
    routes["/explore/dataset/test-b/download/"] = Answer(CSV.read_bytes(), hang=release)
    with fake_remote(routes) as remote:
        command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), "harvest"]
        process = subprocess.Popen(
            [*command, remote.url, "--concurrency", "1", "--retries", "0", "--timeout", "15"],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            # pytest-xdist's workers ignore SIGINT, and an ignored signal stays ignored across
            # exec: give the command the terminal's default, as a shell would
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            assert remote.reached.wait(120), "the harvest never reached test-b"
            process.send_signal(signal.SIGINT)
            _out, errors = process.communicate(timeout=120)  # the cut download ends first
        finally:
            release.set()
            if process.poll() is None:
                process.kill()
                process.communicate(timeout=30)  # reaps it and closes its stderr pipe
    assert process.returncode == 130
    assert "relancez la même commande" in errors and "run the same command again" in errors
    datasets, versions, _records = _counts(home)
    assert (datasets, versions) == (0, 0)  # test-b's download was cut: nothing half-ingested
    assert not [p for p in remote.asked if "test-c" in p or "test-a" in p]  # nothing more began
