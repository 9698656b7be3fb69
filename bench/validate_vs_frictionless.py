"""Validation benchmark: Territoria against frictionless on the same French-style CSV.

Usage: python bench/validate_vs_frictionless.py [--rows 1000000] [--rss-rows 5000000]
    [--repeat 3]

Prints rows/s of both, the ratio, DuckDB's raw scan of the same file as a floor, whether the
error counts agree with each other and with the generator's ground truth, and (optionally)
Territoria's peak RSS on a larger file, measured in a child process.

Then the whole-process figure, the one users see: ``territoria validate FILE --schema
bench/schema.json --format json`` against ``frictionless validate FILE --schema schema.json
--json`` as commands (start-up, detection and the JSON report counted), the median of
``--repeat`` runs for Territoria and one run of frictionless. Exits 1 when any error count
differs (from the other validator's or the ground truth).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from commands import command, timed, warm_up  # noqa: E402


def generate(rows: int, folder: Path) -> tuple[Path, dict[str, object]]:
    """Generate the CSV and its ground truth with the shared generator."""
    out, truth = folder / f"bench-{rows}.csv", folder / f"bench-{rows}.truth.json"
    if not out.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "gen_data.py"),
                str(out),
                str(rows),
                "--seed",
                "7",
                "--truth",
                str(truth),
            ],
            check=True,
        )
    return out, json.loads(truth.read_text())


def run_territoria(path: Path) -> tuple[float, int, dict[str, int]]:
    """Whole validation as ``territoria validate`` does it: the guards on the file, format,
    encoding, dialect and header detection, reading, checks and report. Returns seconds,
    error count and counts by type."""
    from territoria.config import Settings
    from territoria.ingest.open import open_table
    from territoria.ingest.table import ReadOptions
    from territoria.schemas import load_schema
    from territoria.services.tables import engine_connection
    from territoria.validation import validate

    schema = load_schema(HERE / "schema.json")
    settings = Settings(home=path.parent / "home")
    started = time.perf_counter()
    table = open_table(path, ReadOptions(), settings)
    con = engine_connection(settings)
    report = validate(table, schema, con=con)
    con.close()
    table.close()
    return time.perf_counter() - started, report.error_count, report.errors_by_type


def run_frictionless(path: Path) -> tuple[float, int]:
    """frictionless' own validation of the same file and schema (all errors counted)."""
    import frictionless

    schema = frictionless.Schema.from_descriptor(json.loads((HERE / "schema.json").read_text()))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resource = frictionless.Resource(path=path.name, basepath=str(path.parent), schema=schema)
        report = frictionless.validate(resource, limit_errors=10_000_000)
    return time.perf_counter() - started, len(report.tasks[0].errors)


def run_duckdb_scan(path: Path) -> float:
    """DuckDB's raw parallel scan of the file, every cell read as text and looked at (the
    length of each): the floor under any validator, which must read every cell."""
    names = path.open(encoding="utf-8").readline().strip().split(";")
    lengths = ", ".join(f'max(length("{name}"))' for name in names)
    return _median_seconds(f"SELECT count(*), {lengths} FROM {_all_text(path)}")


def _all_text(path: Path) -> str:
    return f"read_csv('{path}', delim=';', header=true, all_varchar=true)"


def _median_seconds(sql: str) -> float:
    """The median of three runs of ``sql``, as for Territoria: the machine is shared."""
    import duckdb

    con = duckdb.connect(config={"threads": 2})
    times = []
    for _ in range(3):
        started = time.perf_counter()
        con.execute(sql).fetchall()
        times.append(time.perf_counter() - started)
    con.close()
    return sorted(times)[1]


EMAIL = "[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)+"


def _naive_check(field: dict[str, object]) -> str:
    """The check a data engineer would write by hand in DuckDB for one field of the
    benchmark's schema: casts and regular expressions, no Table Schema lexical rules."""
    name = f'"{field["name"]}"'
    constraints = field.get("constraints") or {}
    assert isinstance(constraints, dict)
    typed = {"number": "DOUBLE", "integer": "BIGINT", "date": "DATE"}.get(str(field["type"]))
    bad = [f"TRY_CAST({name} AS {typed}) IS NULL"] if typed else []
    value = f"TRY_CAST({name} AS {typed})" if typed else name
    if "pattern" in constraints:
        bad.append(f"NOT regexp_full_match({name}, '{constraints['pattern']}')")
    if "enum" in constraints:
        listed = ", ".join("'" + str(v).replace("'", "''") + "'" for v in constraints["enum"])
        bad.append(f"{name} NOT IN ({listed})")
    if "minimum" in constraints:
        bad.append(f"{value} < {constraints['minimum']}")
    if "maximum" in constraints:
        bad.append(f"{value} > {constraints['maximum']}")
    if field.get("format") == "email":
        bad.append(f"NOT regexp_full_match({name}, '{EMAIL}')")
    present = " OR ".join(bad) or "FALSE"
    if constraints.get("required"):
        return f"CASE WHEN {name} IS NULL THEN 1 WHEN {present} THEN 1 ELSE 0 END"
    return f"CASE WHEN {name} IS NULL THEN 0 WHEN {present} THEN 1 ELSE 0 END"


def run_duckdb_checks(path: Path) -> float:
    """DuckDB running the schema's checks written by hand, in one parallel scan that counts
    invalid cells (no row numbers, no report, casts' lenient forms accepted): the
    ARCHITECTURE's "DuckDB scan with the same checks"."""
    fields = json.loads((HERE / "schema.json").read_text())["fields"]
    checks = " + ".join(_naive_check(field) for field in fields)
    return _median_seconds(f"SELECT sum({checks}) FROM {_all_text(path)}")


def _run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one validation command and its JSON report's error count."""
    timing, out = timed(args, cwd)
    return timing.wall, timing.cpu, int(json.loads(out)["stats"]["errors"])


Run = tuple[float, float, int]  # wall seconds, CPU seconds, errors


def whole_process(path: Path, repeat: int) -> tuple[Run, list[Run], Run]:
    """Both validators as commands on the same file: Territoria's median run (by wall time)
    of ``repeat``, all its runs, then frictionless' one run. frictionless gets the file and
    the schema as relative paths (it refuses absolute ones) and no error limit."""
    ours = [
        command("territoria"),
        *("validate", path.name, "--schema", str(HERE / "schema.json"), "--format", "json"),
    ]
    warm_up()
    runs = [_run(ours, path.parent) for _ in range(repeat)]
    median = sorted(runs)[len(runs) // 2]
    shutil.copy(HERE / "schema.json", path.parent / "schema.json")
    theirs = [
        command("frictionless"),
        *("validate", path.name, "--schema", "schema.json", "--json"),
        *("--limit-errors", "10000000"),
    ]
    return median, runs, _run(theirs, path.parent)


def peak_rss(rows: int, folder: Path) -> float:
    """Peak RSS (MB) of a child process validating an N-row file."""
    path, _ = generate(rows, folder)
    code = (
        f"import sys, resource; sys.path.insert(0, {str(HERE)!r}); "
        "import validate_vs_frictionless as b; "
        f"from pathlib import Path; s, n, _ = b.run_territoria(Path({str(path)!r})); "
        "print(s, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    seconds, errors, rss = out.stdout.strip().splitlines()[-1].split()
    print(
        f"territoria on {rows:,} rows: {float(seconds):.2f} s, {errors} errors, "
        f"peak RSS {float(rss):.0f} MB"
    )
    return float(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rss-rows", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of our command (median)")
    parser.add_argument(
        "--folder", type=Path, default=Path(tempfile.gettempdir()) / "territoria-bench"
    )
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    path, truth = generate(args.rows, args.folder)
    expected = int(truth["total_invalid_cells"])  # type: ignore[call-overload]
    raw = run_duckdb_scan(path)
    naive = run_duckdb_checks(path)
    runs = [run_territoria(path) for _ in range(3)]  # the median of three runs
    ours_s, ours_n, by_type = sorted(runs, key=lambda run: run[0])[1]
    print("territoria runs: " + ", ".join(f"{run[0]:.2f} s" for run in runs))
    theirs_s, theirs_n = run_frictionless(path)
    rows = args.rows
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB, {rows:,} rows)")
    print(f"frictionless : {theirs_s:7.2f} s  {rows / theirs_s:12,.0f} rows/s  {theirs_n} errors")
    print(
        f"territoria   : {ours_s:7.2f} s  {rows / ours_s:12,.0f} rows/s  {ours_n} errors {by_type}"
    )
    print(f"duckdb scan  : {raw:7.2f} s  {rows / raw:12,.0f} rows/s (every cell read, no checks)")
    print(f"duckdb checks: {naive:7.2f} s  {rows / naive:12,.0f} rows/s (same checks by hand)")
    print(f"ratio territoria/frictionless: {theirs_s / ours_s:.1f}x")
    print(f"territoria time / raw scan   : {ours_s / raw:.1f}x")
    print(f"territoria time / hand checks: {ours_s / naive:.1f}x")
    print(
        f"error counts agree with frictionless: {ours_n == theirs_n}; "
        f"with ground truth ({expected}): {ours_n == expected}"
    )
    (cmd_s, cmd_cpu, cmd_n), cmd_runs, (fcmd_s, fcmd_cpu, fcmd_n) = whole_process(path, args.repeat)
    print("whole process (commands, start-up and JSON report counted):")
    print(f"frictionless validate: {fcmd_s:7.2f} s wall {fcmd_cpu:7.2f} s CPU  {fcmd_n} errors")
    print(
        f"territoria validate  : {cmd_s:7.2f} s wall {cmd_cpu:7.2f} s CPU  {cmd_n} errors "
        f"(runs: {', '.join(f'{run[0]:.2f}' for run in cmd_runs)} s)"
    )
    print(
        f"ratio territoria/frictionless, whole process: {fcmd_s / cmd_s:.1f}x wall, "
        f"{fcmd_cpu / cmd_cpu:.1f}x CPU (target >= 40x wall)"
    )
    print(f"whole-process error counts agree: {cmd_n == fcmd_n == expected}")
    if args.rss_rows:
        peak_rss(args.rss_rows, args.folder)
    print(
        f"this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if not ours_n == theirs_n == cmd_n == fcmd_n == expected:
        raise SystemExit(1)  # the ratios mean nothing if the errors found differ


if __name__ == "__main__":
    main()
