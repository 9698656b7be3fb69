"""Crash safety of the real ``territoria ingest``: SIGKILLed anywhere, it leaves the old state.

One instance holds version 1 of a 300k-row dataset. Ingests of another 300k-row file are
killed at each named phase (reached through ``TERRITORIA_TEST_PAUSE_AT``, see
``storage/phases.py``) and at random moments. After every kill: the next command cleans the
leftovers (the lake and tmp folders hold the listed versions and nothing else), only whole
versions are listed, each exports the row count it claims, and the versions known before the
kill export byte-identically. Finally an un-killed ingest still succeeds.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from territoria.storage.phases import MARKER, PAUSE_VARIABLE, PHASES, Phase

pytestmark = pytest.mark.slow

SLUG = "dechets-collectes"
ROWS = 300_000
INVALID_EVERY = 10_000  # every such row has a bad 'habitants' cell, kept in quarantine
RANDOM_KILLS = 20
SCHEMA = {
    "fields": [
        {"name": "code_commune", "type": "string", "constraints": {"pattern": "[0-9]{5}"}},
        {"name": "nom", "type": "string"},
        {"name": "date", "type": "date"},
        {"name": "categorie", "type": "string"},
        {"name": "tonnage", "type": "number", "decimalChar": ","},
        {"name": "habitants", "type": "integer"},
    ]
}
TMP_FOLDERS = {"lake-staging", "duckdb", "scratch"}  # what tmp/ may hold, each one empty
LOCK = f"{SLUG}.lock"  # and tmp/lake-locks/ this dataset's writers lock


def write_source(path: Path, seed: int) -> int:
    """A CSV as French authorities publish them (Windows-1252, ';', decimal comma) of ROWS
    rows; returns how many are valid. Being transcoded, it also leaves scratch files."""
    rng = random.Random(seed)
    invalid = 0
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("code_commune;nom;date;categorie;tonnage;habitants\n")
        for n in range(ROWS):
            habitants = str(rng.randrange(50, 2_500_000))
            if n % INVALID_EVERY == INVALID_EVERY - 1:
                habitants, invalid = "n/c", invalid + 1
            code = f"{rng.randrange(1000, 99_999):05d}"
            date = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            tonnage = f"{rng.randrange(100_000) / 100:.2f}".replace(".", ",")
            out.write(
                f"{code};Saint-Étienne {seed}-{n};{date};catégorie {rng.randrange(10)};"
                f"{tonnage};{habitants}\n"
            )
    return ROWS - invalid


def _environment(pause_at: Phase | None) -> dict[str, str]:
    """This environment without TERRITORIA_* settings, plus the pause variable if asked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERRITORIA_")}
    if pause_at is not None:
        env[PAUSE_VARIABLE] = pause_at
    return env


@dataclass
class Known:
    """A version seen whole: the rows it lists, its files, the digest of its CSV export."""

    rows: int
    files: list[str]
    export_sha256: str


@dataclass
class Instance:
    """The instance under test, the file the kills ingest, and the versions known whole."""

    home: Path
    work: Path
    source: Path
    source_valid_rows: int = 0
    variant: int = 0
    known: dict[int, Known] = field(default_factory=dict)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "territoria.cli.main", "--home", str(self.home), *args]

    def run(self, *args: str, codes: tuple[int, ...] = (0,)) -> bytes:
        """Run a command to completion; its stdout."""
        done = subprocess.run(
            self.command(*args), cwd=self.work, env=_environment(None), capture_output=True
        )
        assert done.returncode in codes, (args, done.returncode, done.stderr.decode())
        return done.stdout

    def ingest(self, source: Path) -> None:
        """An ingest run to its end; 1 may say that invalid rows went to quarantine."""
        self.run(*self.ingest_args(source), codes=(0, 1))

    def ingest_args(self, source: Path) -> list[str]:
        schema = str(self.work / "schema.json")
        return ["ingest", str(source), "--dataset", SLUG, "--quarantine", "--schema", schema]

    @contextmanager
    def start_ingest(self, pause_at: Phase | None = None) -> Iterator[subprocess.Popen[str]]:
        """``territoria ingest`` of the source file running (paused at ``pause_at`` if given);
        killed on leaving if still alive, so a failing test leaves no process behind."""
        process = subprocess.Popen(
            self.command(*self.ingest_args(self.source)),
            cwd=self.work,
            env=_environment(pause_at),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            yield process
        finally:
            _kill(process)
            assert process.stderr is not None
            process.stderr.close()

    def versions(self) -> list[dict[str, Any]]:
        """``territoria datasets versions SLUG --json`` (opening the instance recovers it)."""
        listed: list[dict[str, Any]] = json.loads(self.run("datasets", "versions", SLUG, "--json"))
        return listed

    def export(self, number: int) -> tuple[str, int]:
        """The SHA-256 of version ``number``'s CSV export, and its data rows."""
        data = self.run("export", SLUG, "--format", "csv", "--version", str(number))
        rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1
        return hashlib.sha256(data).hexdigest(), rows

    def next_source(self) -> None:
        """A new file to ingest (once one is stored, ingesting it again creates nothing)."""
        self.variant += 1
        self.source_valid_rows = write_source(self.source, seed=self.variant)

    def remember(self, version: dict[str, Any]) -> None:
        """Check that a newly listed version is whole, then expect it unchanged from now on."""
        number = int(version["number"])
        digest, rows = self.export(number)
        assert rows == version["rows"], ("export rows differ from the listed count", version)
        folder = self.home / "lake" / version["lakePath"]
        files = sorted(p.name for p in folder.iterdir())
        self.known[number] = Known(rows, files, digest)

    def leftovers(self) -> list[str]:
        """What the lake and tmp folders hold beyond the known versions' files."""
        lake, tmp = self.home / "lake", self.home / "tmp"
        expected = {
            f"{SLUG}/v{n}/{name}" for n, known in self.known.items() for name in known.files
        }
        found = {str(p.relative_to(lake)) for p in lake.rglob("*") if p.is_file()}
        extra = sorted(f"lake/{p}" for p in found - expected)
        extra += sorted(f"lake/{p} (missing!)" for p in expected - found)
        extra += sorted(
            f"lake/{p.relative_to(lake)}/"
            for p in lake.rglob("*")
            if p.is_dir() and not any(p.iterdir())
        )
        for entry in sorted(tmp.iterdir()):
            if entry.name == "lake-locks":  # one lock file per dataset, kept for good
                kept = {LOCK, f"{SLUG}.commit.lock"}  # the writers lock, the commit turn
                extra += [f"tmp/lake-locks/{p.name}" for p in entry.iterdir() if p.name not in kept]
            elif entry.name in TMP_FOLDERS and entry.is_dir():
                extra += sorted(f"tmp/{entry.name}/{p.name}" for p in entry.iterdir())
            else:
                extra.append(f"tmp/{entry.name}")
        return extra

    def check_after_kill(self, label: str) -> None:
        """After a kill: cleaned by the next command, whole versions only, the previous one
        identical (the older ones are compared at the end, to keep the test quick)."""
        previous = max(self.known)
        listed = self.versions()
        for version in listed:
            if int(version["number"]) not in self.known:  # the kill came after COMMIT
                assert version["rows"] == self.source_valid_rows, (label, version)
                assert version["sourceSha256"] == _sha256(self.source), (label, version)
                self.remember(version)
                self.next_source()
        by_number = {int(v["number"]): v for v in listed}
        assert set(by_number) == set(self.known), (label, sorted(by_number))
        assert self.leftovers() == [], label
        assert all(by_number[n]["rows"] == k.rows for n, k in self.known.items()), label
        self.check_export(previous, label)

    def check_export(self, number: int, label: str) -> None:
        """Version ``number`` exports the very bytes it exported when first seen."""
        digest, _rows = self.export(number)
        assert digest == self.known[number].export_sha256, f"{label}: v{number} export changed"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wait_for_pause(process: subprocess.Popen[str], phase: Phase) -> None:
    assert process.stderr is not None
    wanted, said = f"{MARKER}:{phase} ", []
    for line in process.stderr:
        if line.startswith(wanted):
            return
        said.append(line)
    code = process.wait()
    raise AssertionError(f"ingest ended (code {code}) before phase {phase!r}: {''.join(said)}")


def _kill(process: subprocess.Popen[str]) -> int | None:
    """SIGKILL the process; None, or its exit code if it had already finished on its own."""
    code = process.poll()
    if code is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return code


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    """An instance whose dataset has version 1 (from its own file), and the file to kill."""
    work = tmp_path_factory.mktemp("crash")
    (work / "schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    inst = Instance(work / "home", work, work / "source.csv")
    first = work / "first.csv"
    valid = write_source(first, seed=0)
    inst.run("init")
    inst.ingest(first)
    first.unlink()
    [v1] = inst.versions()
    assert v1["rows"] == valid == ROWS - ROWS // INVALID_EVERY and v1["quarantined"] is True
    inst.remember(v1)
    assert inst.known[1].files == ["data.parquet", "quarantine.parquet", "report.json"]
    assert inst.leftovers() == []
    inst.next_source()
    return inst


# what a paused ingest leaves for the next command to clean, phase by phase
EXPECTED_MESS = {
    "reading": {"scratch"},
    "validating": {"scratch"},
    "writing": {"scratch", "staging"},
    "renamed": {"scratch", "unlisted version"},
    "committing": {"scratch", "unlisted version"},
}


def _mess(inst: Instance) -> set[str]:
    """The kinds of leftovers in the instance: proof that the kill left something to clean."""
    tmp = inst.home / "tmp"
    found = {p.name for p in (inst.home / "lake" / SLUG).iterdir()}
    kinds = {"unlisted version"} if found - {f"v{n}" for n in inst.known} else set()
    if any(p.is_dir() for p in (tmp / "lake-staging").iterdir()):
        kinds.add("staging")
    if any(p.stat().st_size for p in (tmp / "scratch").rglob("*")):
        kinds.add("scratch")
    return kinds


@pytest.mark.parametrize("phase", PHASES)
def test_kill_at_each_phase(instance: Instance, phase: Phase) -> None:
    with instance.start_ingest(pause_at=phase) as process:
        _wait_for_pause(process, phase)
        assert _mess(instance) == EXPECTED_MESS[phase]
        assert _kill(process) is None
    before = set(instance.known)
    instance.check_after_kill(f"killed at {phase}")
    assert set(instance.known) == before  # nothing was committed


def _time_to(instance: Instance, phase: Phase) -> float:
    """Seconds from the start of an ingest to ``phase`` (the ingest is then killed there)."""
    started = time.monotonic()
    with instance.start_ingest(pause_at=phase) as process:
        _wait_for_pause(process, phase)
        elapsed = time.monotonic() - started
        _kill(process)
    instance.check_after_kill(f"timing {phase}")
    return elapsed


def test_kill_at_random_moments(instance: Instance) -> None:
    earliest, latest = _time_to(instance, "reading"), _time_to(instance, "committing")
    seed = int(os.environ.get("CRASH_TEST_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    print(f"crash seed {seed} (CRASH_TEST_SEED={seed} replays it); window "
          f"{earliest:.2f}-{latest:.2f} s")  # fmt: skip
    left: list[str] = []
    for attempt in range(RANDOM_KILLS):
        delay = rng.uniform(earliest * 0.8, latest * 0.95)
        started = time.monotonic()
        with instance.start_ingest() as process:
            time.sleep(max(0.0, delay - (time.monotonic() - started)))
            code, before = _kill(process), len(instance.known)
            said = process.stderr.read() if code is not None and process.stderr else ""
        left.append("finished" if code is not None else "+".join(sorted(_mess(instance))))
        label = f"seed {seed}, kill {attempt} after {delay:.2f} s: {left[-1] or 'nothing'}"
        instance.check_after_kill(label)
        if code is not None:  # it ended before the kill: it must have stored its version
            assert code in (0, 1) and len(instance.known) == before + 1, (label, code, said)
        if len(instance.known) > before:  # committed before the kill: the machine got faster
            latest = max(earliest * 1.5, min(latest, delay))
    print("left by the random kills:", ", ".join(kind or "nothing" for kind in left))
    print(f"window at the end: {earliest:.2f}-{latest:.2f} s")


def test_an_unkilled_ingest_then_succeeds(instance: Instance) -> None:
    before = max(instance.known)
    expected_rows = instance.source_valid_rows
    instance.ingest(instance.source)
    instance.check_after_kill("no kill")
    assert max(instance.known) == before + 1
    assert instance.known[before + 1].rows == expected_rows
    for number in instance.known:
        instance.check_export(number, "at the end")
