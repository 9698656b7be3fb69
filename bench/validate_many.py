"""Benchmark: validate 200 small files of one schema, Territoria against frictionless.

Usage: python bench/validate_many.py [--files 200] [--seed 2026] [--repeat 3] [--keep DIR]

The files are SCDL subventions files grown from the project's real rows
(``bench/subventions_files.py``), 20 to 2,000 rows each. Three whole-process timings, same run:

- (a) ``territoria validate DIR --schema scdl/subventions --format json``, one process for the
  folder (one JSON report per line); the median of ``--repeat`` runs;
- (b) one ``frictionless validate FILE --schema schema.json --json`` process per file, as a
  Validata-style workflow runs it;
- (c) frictionless in one Python process looping over the files (import counted).

Prints the ratios (targets: (b)/(a) >= 10, (c)/(a) >= 3) and every file whose error count
differs between Territoria and frictionless; exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from commands import Timing, command, run_command, timed, warm_up  # noqa: E402
from subventions_files import SCHEMA_FILE, SCHEMA_NAME, make_files  # noqa: E402

FILES = "files"  # the data files' folder, beside schema.json (only data in it)
LIMIT = "10000000"  # frictionless stops at 1,000 errors by default
LOOP = """
import json, sys, time, warnings
import frictionless
started = time.perf_counter()
schema = frictionless.Schema.from_descriptor("schema.json")
counts = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for name in sys.argv[1:]:
        report = frictionless.validate(name, schema=schema, limit_errors=10_000_000)
        counts[name] = report.stats["errors"]
print(json.dumps({"seconds": time.perf_counter() - started, "counts": counts}))
"""


def territoria_folder(folder: Path, names: list[str]) -> tuple[Timing, dict[str, int]]:
    """(a) one process over the folder, one JSON report per line. A file it could not use
    counts -1 errors (a mismatch)."""
    args = [command("territoria"), "validate", FILES, "--schema", SCHEMA_NAME, "--format", "json"]
    timing, done = run_command(args, folder)
    counts = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            report = json.loads(line)
            place = report.get("path") or report["tasks"][0]["place"]
            counts[Path(place).name] = int(report["stats"]["errors"]) if "stats" in report else -1
    if sorted(counts) != sorted(names):
        raise SystemExit(
            f"territoria reported {len(counts)} files of {len(names)}: {done.stderr[-2000:]}"
        )
    return timing, counts


def frictionless_per_file(folder: Path, names: list[str]) -> tuple[Timing, dict[str, int]]:
    """(b) one ``frictionless validate`` process per file (relative paths, all errors)."""
    total, counts = Timing(), {}
    for name in names:
        args = [command("frictionless"), "validate", f"{FILES}/{name}", "--schema", "schema.json"]
        timing, out = timed([*args, "--json", "--limit-errors", LIMIT], folder)
        total += timing
        counts[name] = int(json.loads(out)["stats"]["errors"])
    return total, counts


def frictionless_loop(folder: Path, names: list[str]) -> tuple[Timing, float, dict[str, int]]:
    """(c) one Python process importing frictionless and looping over the files: its
    timing, the loop's own seconds, counts."""
    paths = [f"{FILES}/{name}" for name in names]
    timing, out = timed([sys.executable, "-c", LOOP, *paths], folder)
    result = json.loads(out.strip().splitlines()[-1])
    counts = {Path(k).name: int(v) for k, v in result["counts"].items()}
    return timing, float(result["seconds"]), counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="territoria-many-") as scratch:
        folder = args.keep or Path(scratch)
        paths = make_files(folder / FILES, args.files, args.seed)
        shutil.copy(SCHEMA_FILE, folder / "schema.json")  # frictionless wants relative paths
        names = [path.name for path in paths]
        rows = sum(path.read_bytes().count(b"\n") - 1 for path in paths)
        size = sum(path.stat().st_size for path in paths)
        print(f"{len(names)} files, about {rows:,} rows, {size / 1e6:.1f} MB in {folder}")
        run(folder, names, args.repeat)


def run(folder: Path, names: list[str], repeat: int) -> None:
    """Time the three ways, compare the counts, print and exit."""
    warm_up()
    runs = sorted(
        (territoria_folder(folder, names) for _ in range(repeat)), key=lambda r: r[0].wall
    )
    ours, counts = runs[len(runs) // 2]
    print("territoria runs: " + ", ".join(f"{run[0].wall:.2f} s" for run in runs))
    per_file, per_file_counts = frictionless_per_file(folder, names)
    loop, loop_inner, loop_counts = frictionless_loop(folder, names)
    print(f"(a) territoria, one process for the folder: {ours.wall:8.2f} s wall", end=" ")
    print(f"{ours.cpu:8.2f} s CPU")
    print(f"(b) frictionless, one process per file : {per_file.wall:8.2f} s wall", end=" ")
    print(f"{per_file.cpu:8.2f} s CPU")
    print(f"(c) frictionless, one process looping  : {loop.wall:8.2f} s wall", end=" ")
    print(f"{loop.cpu:8.2f} s CPU (the loop alone {loop_inner:.2f} s)")
    for what, theirs, target in (("(b)/(a)", per_file, 10), ("(c)/(a)", loop, 3)):
        print(
            f"ratio {what}: {theirs.wall / ours.wall:.1f}x wall, {theirs.cpu / ours.cpu:.1f}x CPU "
            f"(target >= {target}x wall)"
        )
    print(
        f"errors: territoria {sum(counts.values())}, frictionless "
        f"{sum(per_file_counts.values())} (per file), {sum(loop_counts.values())} (loop); "
        f"invalid files {sum(1 for n in counts.values() if n)}"
    )
    mismatches = [
        (name, counts[name], per_file_counts[name], loop_counts[name])
        for name in names
        if not counts[name] == per_file_counts[name] == loop_counts[name]
    ]
    for name, a, b, c in mismatches:
        print(f"MISMATCH {name}: territoria {a}, frictionless {b} (process) / {c} (loop)")
    print(f"error counts identical on {len(names) - len(mismatches)} of {len(names)} files")
    if mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
