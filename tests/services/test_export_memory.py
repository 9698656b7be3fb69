"""A 1M-row export streams: the peak memory of a process exporting it to CSV stays bounded.

The export runs in a grandchild (a small launcher forks it and reads its ``wait4`` usage):
measured on a direct child, the peak would count the pytest worker's own memory, which Linux
keeps across ``exec`` from the fork.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROWS = 1_000_000
MAX_RSS_MB = 300
MAX_GROWTH_MB = 100  # above the same process exporting 1,000 rows (imports alone are ~150 MB)
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as metrics:
    metrics.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""
EXPORT = """
import sys
from pathlib import Path
from sqlglot import exp
from territoria.config import Settings
from territoria.services.export_options import ExportOptions
from territoria.services.exporting import open_export

home, source, fmt = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
query = exp.select(
    exp.column("code_insee").as_("code_insee"),
    exp.column("nom_commune").as_("nom_commune"),
    exp.column("jour").as_("date"),
    exp.column("categorie").as_("categorie"),
    exp.column("tonnage").as_("tonnage"),
    exp.column("geo").as_("geo_point_2d"),
).from_("v").where("tonnage >= 0")
lines = size = 0
for chunk in open_export(Settings(home=home), fmt, ExportOptions.opendatasoft(), source=source,
                         query=query):
    lines += chunk.count(b"\\n")
    size += len(chunk)
print(lines, size)
"""


def _rows(path: Path, rows: int) -> None:
    with duckdb.connect() as con:
        con.execute(
            f"""COPY (SELECT lpad(CAST(i % 35000 AS VARCHAR), 5, '0') AS code_insee,
                'Commune n°' || (i % 35000) || ' « test »' AS nom_commune,
                DATE '2015-01-01' + CAST(i % 3650 AS INTEGER) AS jour,
                ['Verre', 'Bois', '=Métaux', 'Textiles'][1 + i % 4] AS categorie,
                (i % 1000) / 7.0 AS tonnage,
                CAST(43 + (i % 500) / 100.0 AS VARCHAR) || ','
                    || CAST(1 + (i % 300) / 100.0 AS VARCHAR) AS geo
            FROM range({rows}) t(i)) TO '{path}' (FORMAT parquet)"""
        )


def _export(tmp_path: Path, rows: int) -> tuple[int, int, float, float]:
    """Lines and bytes written, peak RSS (MB) and CPU seconds of an export of ``rows``."""
    source = tmp_path / f"rows-{rows}.parquet"
    _rows(source, rows)
    metrics = tmp_path / "metrics"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-c", LAUNCHER, str(metrics), "-c", EXPORT]
    done = subprocess.run(
        [*command, str(tmp_path / "home"), str(source), "csv"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines, size = (int(x) for x in done.stdout.split())
    rss_kb, cpu = metrics.read_text().split()
    return lines, size, int(rss_kb) / 1024, float(cpu)


@pytest.mark.slow
def test_million_row_csv_export_stays_under_300_mb(tmp_path: Path) -> None:
    _lines, _size, baseline_mb, _cpu = _export(tmp_path, 1_000)
    lines, size, peak_mb, cpu = _export(tmp_path, ROWS)
    assert lines == ROWS + 1
    assert size > 50_000_000, "every row was written"
    print(f"1M-row CSV export: peak RSS {peak_mb:.0f} MB ({baseline_mb:.0f} MB for 1,000 rows),")
    print(f"CPU {cpu:.1f} s, {size} bytes")
    assert peak_mb < MAX_RSS_MB
    assert peak_mb - baseline_mb < MAX_GROWTH_MB, "the rows do not accumulate in memory"
    assert not list((tmp_path / "home").glob("tmp/export-*")), "no file left behind"
