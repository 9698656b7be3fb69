"""Indicators benchmark: every pack indicator on commune-level data for all communes × 10 years,
aggregated to EPCI, département, région and France — Territoria's ``compute`` against a
straightforward pandas implementation, in the same run, results checked identical.

    .venv/bin/python bench/indicators.py [--years 10] [--workdir DIR] [--seed 1]

Then, end to end as ``territoria indicators compute`` runs at that scale: each pack computed
on its own and its results stored as the next version of ``indicateurs-<pack>`` in a new
instance (the service's two steps, from the same files).

The data are drawn from the real samples' distributions (tests/data/samples): SINOE tonnages by
waste type per inhabitant, SSMSI rates by offence class, ORE consumptions by filière × secteur
per inhabitant, État 4001 index totals, Atout France establishments and their capacities,
Paris's fountains by type and Trilib' containers by waste type.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from indicators_data import generate
from indicators_pandas import compute_pandas

from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.indicators.computation import compute
from territoria.indicators.hierarchy import combos_table, expected_table, parents_table
from territoria.indicators.loader import load_specs
from territoria.indicators.model import IndicatorSpec, TerritoryColumn
from territoria.packs.registry import get_pack
from territoria.security.actor import ADMIN
from territoria.services.indicator_store import store_results
from territoria.services.instance import init_instance
from territoria.services.packs import install_pack

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "src" / "territoria" / "packs"
KEYS = ["indicateur", "territoire", "niveau", "periode"]


def pack_specs() -> list[IndicatorSpec]:
    """Every pack's indicators, read at commune level (the generated data's level)."""
    result = load_specs(sorted(PACKS.glob("*/indicators")))
    if result.errors:
        raise SystemExit("\n".join(issue.render() for issue in result.errors))
    return [
        spec.model_copy(
            update={"territory": TerritoryColumn(column=spec.territory.column, level="commune")}
        )
        for spec in result.specs
    ]


def write_sources(tables: dict[str, pa.Table], folder: Path) -> dict[str, Path]:
    """Each source as one Parquet file, as a lake version holds it."""
    paths = {}
    for role, table in tables.items():
        path = folder / f"{role}.parquet"
        pq.write_table(table, path, row_group_size=1 << 20)
        paths[role] = path
    return paths


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_territoria(
    specs: list[IndicatorSpec], paths: dict[str, Path]
) -> tuple[float, float, pa.Table]:
    """Wall and CPU seconds of ``compute`` over Parquet views on a 2-thread DuckDB, and its
    table."""
    con = duckdb.connect(config={"threads": 2})
    for role, path in paths.items():
        con.read_parquet(str(path)).create_view(role)
    start, cpu = time.perf_counter(), cpu_seconds()
    result = compute(con, specs, {role: role for role in paths})
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if any(issue.level == "ERROR" for issue in result.issues):
        raise SystemExit("\n".join(issue.render() for issue in result.issues))
    con.close()
    return elapsed, cpu, result.table


def run_end_to_end(
    specs: list[IndicatorSpec], paths: dict[str, Path], home: Path
) -> tuple[float, float, int]:
    """Wall seconds of every pack computed then stored (a new version each) in a new instance
    in ``home``, of which storing, and the rows stored."""
    settings = Settings(home=home)
    init_instance(settings).close()
    packs = sorted({spec.id.split(".")[0] for spec in specs})
    for pack_id in packs:
        install_pack(settings, pack_id, "pays:FR", ADMIN)
    start, storing, rows = time.perf_counter(), 0.0, 0
    for pack_id in packs:
        mine = [spec for spec in specs if spec.id.startswith(f"{pack_id}.")]
        _, _, table = run_territoria(mine, {spec.source: paths[spec.source] for spec in mine})
        before = time.perf_counter()
        stored = store_results(settings, get_pack(pack_id), table)
        storing += time.perf_counter() - before
        assert stored.created and stored.version is not None
        rows += stored.version.row_count
    return time.perf_counter() - start, storing, rows


def run_pandas(
    specs: list[IndicatorSpec], paths: dict[str, Path], ours: pa.Table
) -> tuple[float, float, list[str]]:
    """Wall and CPU seconds of the pandas implementation from the same Parquet files
    (comparisons with ``ours``, one indicator at a time to bound memory, not counted), and the
    verdicts."""
    start, cpu = time.perf_counter(), cpu_seconds()
    frames = {role: pq.read_table(path).to_pandas() for role, path in paths.items()}
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    verdicts = []
    indicators = ours.column("indicateur").cast(pa.string())
    results = compute_pandas(specs, frames)
    while True:
        start, before = time.perf_counter(), cpu_seconds()
        item = next(results, None)
        elapsed, cpu = elapsed + time.perf_counter() - start, cpu + cpu_seconds() - before
        if item is None:
            return elapsed, cpu, verdicts
        spec, theirs = item
        mine = ours.filter(pc.equal(indicators, spec.id))
        verdicts.append(f"{spec.id}: {compare(mine, theirs)}")


def plain_text(table: pa.Table) -> pa.Table:
    """``table`` with its dictionary-encoded text columns decoded (as pandas' are)."""
    fields = [
        pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f
        for f in table.schema
    ]
    return table.cast(pa.schema(fields))


def compare(ours: pa.Table, theirs: pd.DataFrame) -> str:
    """'identical' or the first difference: same rows (keys), values within 1e-9 relative."""
    left = plain_text(ours).to_pandas()
    dims = [
        c
        for c in left.columns
        if c not in {*KEYS, "valeur", "numerateur", "denominateur", "contributeurs", "attendus"}
    ]
    keys = [*KEYS, *dims]
    theirs = theirs[left.columns.tolist()]
    if len(left) != len(theirs):
        return f"row counts differ: {len(left)} vs {len(theirs)}"
    left = left.fillna({d: "" for d in dims}).sort_values(keys, ignore_index=True)
    right = theirs.fillna({d: "" for d in dims}).sort_values(keys, ignore_index=True)
    for key in keys:
        if not (left[key].to_numpy() == right[key].to_numpy()).all():
            return f"keys differ on {key}"
    for name in ("valeur", "numerateur", "denominateur"):
        a, b = left[name].to_numpy(dtype=float), right[name].to_numpy(dtype=float)
        if not (np.isnan(a) == np.isnan(b)).all():
            return f"nulls differ on {name}"
        ok = np.isnan(a) | (np.abs(a - b) <= 1e-9 * np.maximum(np.abs(a), np.abs(b)))
        if not ok.all():
            return f"{name} differs on {int((~ok).sum())} rows"
    for name in ("contributeurs", "attendus"):
        if not (left[name].to_numpy() == right[name].to_numpy()).all():
            return f"{name} differs"
    return "identical"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3, help="Territoria runs (best reported)")
    args = parser.parse_args()
    geo = geography()
    for level in ("commune",):  # the process-wide caches a server holds warm
        parents_table(level, geo)
        expected_table(level, geo)
        combos_table(level, geo)
    specs = pack_specs()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="territoria-bench-indicators-"))
    workdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    tables = generate(np.random.default_rng(args.seed), geo, args.years, ROOT)
    paths = write_sources(tables, workdir)
    rows = sum(t.num_rows for t in tables.values())
    print(
        f"data: {rows:,} tidy rows in {len(tables)} sources, {len(specs)} indicators "
        f"({time.perf_counter() - start:.1f} s to generate) in {workdir}"
    )
    for role, table in sorted(tables.items()):
        print(f"  {role:<14} {table.num_rows:>10,} rows")
    del tables
    times = []
    for _ in range(args.runs):
        elapsed, cpu, ours = run_territoria(specs, paths)
        times.append((elapsed, cpu))
    best, best_cpu = min(times)
    print(f"result rows: {ours.num_rows:,}")
    runs = ", ".join(f"{wall:.2f} s / {cpu:.2f} s CPU" for wall, cpu in times)
    print(f"territoria compute: {best:.2f} s, {best_cpu:.2f} s CPU (runs: {runs})")
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    home = Path(tempfile.mkdtemp(prefix="home-", dir=workdir))
    total, storing, stored = run_end_to_end(specs, paths, home)
    shutil.rmtree(home)
    print(
        f"end to end (each pack computed, then stored as a new version): {total:.2f} s, "
        f"of which storing {storing:.2f} s, {stored:,} rows stored"
    )
    pandas_time, pandas_cpu, verdicts = run_pandas(specs, paths, ours)
    bad = [v for v in verdicts if not v.endswith(": identical")]
    print(f"results identical to pandas for {len(verdicts) - len(bad)}/{len(verdicts)} indicators")
    for line in bad:
        print("  " + line)
    print(f"pandas: {pandas_time:.2f} s, {pandas_cpu:.2f} s CPU")
    print(
        f"ratio: {pandas_time / best:.1f}x wall, {pandas_cpu / best_cpu:.1f}x CPU  "
        "(target: < 2 s, >= 10x)"
    )
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    verdict = "identical" if not bad else "different"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process: {peak:.0f} MB; cores: {os.cpu_count()}")
    if verdict != "identical":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
