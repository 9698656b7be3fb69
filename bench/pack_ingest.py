"""Pack ingest at national scale: a generated raw publication in the layout of a real pack
sample, ingested with the whole user command (``territoria init``, ``packs install``,
``territoria ingest FILE --dataset SLUG``), timed; with ``--pandas``, a plain pandas transform
of the same file (read, map the codes, parse the numbers, unpivot) against the command and
against our own read + transform in this process.

Files (in a temporary folder, never committed):

- ``energie``: the ORE consumption export (wide by sector, ``;``, CRLF, the sample's 30
  headers) with one row per commune of the bundled geography × year × filière, as the
  national commune-level file is; its ``Code Département`` is the commune's, sometimes
  without its leading zero (``1``), ``NA`` (no département) or unknown (``99``).
- ``dechets``: the SINOE export (``,``, BOM, every field quoted but the tonnage) with one row
  per déchèterie (a commune) × waste type × survey year; the same code quirks.

Numbers are the sample's own cells drawn at random (seeded), most of them scaled by a random
factor and written as the sample writes them, so that they are nearly all distinct, as in the
national files (one in a hundred is kept verbatim, float artefacts and empty cells included).
Usage::

    python bench/pack_ingest.py --rows 1000000 --pack energie --pack dechets [--pandas]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from commands import ENV, Timing, command, warm_up

from territoria.geo.geography import geography

ROOT = Path(__file__).resolve().parents[1]
PACKS = ROOT / "src" / "territoria" / "packs"
ORE = PACKS / "energie/samples/consommation"
ORE_SAMPLE = ORE / "conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv"
SINOE_SAMPLE = PACKS / "dechets/samples/sinoe/tonnage-decheterie-par-type-dechet-par-dept.csv"
SLUGS = {"energie": "energie-consommation", "dechets": "dechets-sinoe"}
SECTOR_COLUMNS = {
    "Agriculture": ("Consommation Agriculture (MWh)", "Nombre de points Agriculture"),
    "Industrie": ("Consommation Industrie (MWh)", "Nombre de points Industrie"),
    "Tertiaire": ("Consommation Tertiaire  (MWh)", "Nombre de points Tertiaire"),
    "Résidentiel": ("Consommation Résidentiel  (MWh)", "Nombre de points Résidentiel"),
    "Secteur inconnu": (
        "Consommation Secteur Inconnu (MWh)",
        "Nombre de points Secteur Inconnu",
    ),
}


def _communes() -> list[str]:
    """The département code of every current commune (a row per commune, as national files)."""
    return [t.departement for t in geography() if t.level == "commune" and t.departement]


def _quirky(dep: str, draw: random.Random) -> str:
    """The département code as real files write it: mostly as is, some without the leading
    zero, a few missing (``NA``) or unknown."""
    roll = draw.random()
    if roll < 0.002:
        return "NA"
    if roll < 0.003:
        return draw.choice(("99", "00", "2C"))
    if roll < 0.05 and dep.startswith("0"):
        return dep[1:]
    return dep


def _jittered(cell: str, draw: random.Random) -> str:
    """A sample's number scaled by a random factor, with as many decimals as it had."""
    if draw.random() < 0.01:
        return cell
    try:
        value = float(cell)
    except ValueError:
        return cell
    decimals = len(cell.partition(".")[2])
    return f"{value * draw.uniform(0.5, 1.5):.{decimals}f}"


def _read(path: Path, delimiter: str, encoding: str) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        return header, list(reader)


def write_energie(path: Path, rows: int, seed: int) -> int:
    """An ORE commune-level file of ``rows`` rows; the number of tidy rows (× 5 sectors)."""
    header, sample = _read(ORE_SAMPLE, ";", "utf-8")
    draw = random.Random(seed)
    communes = _communes()
    dep_at = header.index("Code Département")
    keys = [(r[0], r[2], r[header.index("id_filiere")]) for r in sample]
    years = sorted({r[1] for r in sample})
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        out.writerow(header)
        for i in range(rows):
            dep = communes[i % len(communes)]
            base = draw.choice(sample)
            row = list(base)
            row[0], row[2], row[header.index("id_filiere")] = draw.choice(keys)
            row[1] = years[(i // len(communes)) % len(years)]
            for conso, points in SECTOR_COLUMNS.values():
                row[header.index(conso)] = _jittered(draw.choice(sample)[header.index(conso)], draw)
                row[header.index(points)] = _jittered(
                    draw.choice(sample)[header.index(points)], draw
                )
            row[dep_at] = _quirky(dep, draw)
            row[dep_at + 1] = ""  # the label is not what the transform reads
            out.writerow(row)
    return rows * len(SECTOR_COLUMNS)


def write_dechets(path: Path, rows: int, seed: int) -> int:
    """A SINOE file of ``rows`` rows (one per déchèterie × waste type × year); its tidy rows."""
    header, sample = _read(SINOE_SAMPLE, ",", "utf-8-sig")
    draw = random.Random(seed)
    communes = _communes()
    types = sorted({(r[5], r[6]) for r in sample})
    years = sorted({r[0] for r in sample})
    tonnages = [r[7] for r in sample]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(f'"{h}"' for h in header) + "\n")
        for i in range(rows):
            dep = communes[(i // len(types)) % len(communes)]
            kind, label = types[i % len(types)]
            year = years[(i // (len(types) * len(communes))) % len(years)]
            base = draw.choice(sample)
            tonnage = _jittered(draw.choice(tonnages), draw)
            if draw.random() < 0.001:
                tonnage = draw.choice(("", "n.d.", "-"))
            quoted = [year, base[1], base[2], _quirky(dep, draw), base[4], kind, label]
            handle.write(",".join([*(f'"{v}"' for v in quoted), tonnage]) + "\n")
    return rows


WRITERS: dict[str, Callable[[Path, int, int], int]] = {
    "energie": write_energie,
    "dechets": write_dechets,
}
FILES = {
    "energie": "conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-commune.csv",
    "dechets": "tonnage-decheterie-par-type-dechet.csv",
}


def pandas_transform(pack: str, path: Path) -> int:
    """The same transform, written plainly with pandas: read as text, map the département
    codes (padded, known ones only), parse the numbers, unpivot ORE's sectors."""
    import pandas as pd

    known = {t.code for t in geography() if t.level == "departement"}

    def dep_ids(codes: pd.Series) -> pd.Series:
        padded = codes.str.strip().str.zfill(2)
        return ("departement:" + padded).where(padded.isin(known))

    def number(cells: pd.Series) -> pd.Series:
        text = cells.str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", ".")
        return pd.to_numeric(text, errors="coerce")

    if pack == "energie":
        frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
        parts = []
        for sector, (conso, points) in SECTOR_COLUMNS.items():
            parts.append(
                pd.DataFrame(
                    {
                        "territoire": dep_ids(frame["Code Département"]),
                        "periode": frame["Année"],
                        "operateur": frame["Opérateur"],
                        "filiere": frame["Filière"],
                        "secteur": sector,
                        "conso_mwh": number(frame[conso]),
                        "points": number(frame[points]),
                    }
                )
            )
        tidy = pd.concat(parts, ignore_index=True)
    else:
        frame = pd.read_csv(path, sep=",", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        tidy = pd.DataFrame(
            {
                "territoire": dep_ids(frame["C_DEPT"]),
                "periode": frame["ANNEE"],
                "type_dechet": frame["L_TYP_REG_DECHET"],
                "code_type_dechet": frame["C_TYP_REG_DECHET"],
                "tonnage_t": number(frame["TONNAGE_T"]),
            }
        )
    return len(tidy)


def territoria_transform(pack: str, path: Path, home: Path) -> int:
    """The same transform in this process, as the command runs it: read_raw, then transform
    (the caller builds the geography's indexes first, untimed)."""
    from territoria.config import Settings
    from territoria.ingest.table import ReadOptions
    from territoria.packs.registry import role_for_slug
    from territoria.packs.transform import transform
    from territoria.services.pack_reading import read_raw

    role = role_for_slug(SLUGS[pack])
    assert role is not None
    return transform(role, read_raw(path, ReadOptions(), Settings(home=home))).table.num_rows


def bench_pack(pack: str, rows: int, seed: int, with_pandas: bool) -> dict[str, object]:
    """Generate, then run the three commands in a fresh home; the ingest's timing."""
    with tempfile.TemporaryDirectory(prefix=f"bench-pack-{pack}-") as scratch:
        home = Path(scratch) / "home"
        raw = Path(scratch) / FILES[pack]
        tidy_rows = WRITERS[pack](raw, rows, seed)
        size_mb = raw.stat().st_size / 1e6
        bin_ = command("territoria")
        for args in (
            [bin_, "init"],
            [bin_, "packs", "install", pack, "--territory", "pays:FR"],
        ):
            _, done = run_command(args, Path(scratch), home=home)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-2000:]}")
        args = [bin_, "ingest", str(raw), "--dataset", SLUGS[pack], "--format", "json"]
        timing, done = run_command(args, Path(scratch), home=home)
        if done.returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr[-3000:]}")
        report = json.loads(done.stdout)
        figures: dict[str, object] = {
            "pack": pack,
            "rows": rows,
            "tidy_rows": tidy_rows,
            "mb": round(size_mb, 1),
            "wall_s": round(timing.wall, 2),
            "cpu_s": round(timing.cpu, 2),
            "rows_per_s": round(rows / timing.wall),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "exit": done.returncode,
            "unresolved": _unresolved_count(report),
        }
        if with_pandas:
            started = time.perf_counter()
            pandas_rows = pandas_transform(pack, raw)
            seconds = time.perf_counter() - started
            figures["pandas_transform_s"] = round(seconds, 2)
            figures["pandas_rows"] = pandas_rows
            figures["ratio_command_to_pandas_transform"] = round(timing.wall / seconds, 1)
            from territoria.geo.lookup import lookup_for

            lookup_for(geography())  # built once per process, as for the pandas reading
            started = time.perf_counter()
            ours = territoria_transform(pack, raw, Path(scratch) / "in-process")
            ours_seconds = time.perf_counter() - started
            figures["territoria_transform_s"] = round(ours_seconds, 2)
            figures["territoria_rows"] = ours
            figures["ratio_transform_to_pandas"] = round(ours_seconds / seconds, 2)
        return figures


def run_command(
    args: list[str], cwd: Path, home: Path
) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    """Run one command with ``TERRITORIA_HOME=home``, timed in wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**ENV, "TERRITORIA_HOME": str(home)}
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu), done


def _unresolved_count(report: object) -> object:
    """The transform's unresolved count, wherever the JSON report nests it."""
    if isinstance(report, dict):
        if "unresolvedCount" in report:
            return report["unresolvedCount"]
        for value in report.values():
            found = _unresolved_count(value)
            if found is not None:
                return found
    if isinstance(report, list):
        for value in report:
            found = _unresolved_count(value)
            if found is not None:
                return found
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="raw rows per file")
    parser.add_argument("--pack", action="append", choices=sorted(WRITERS), default=None)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--pandas", action="store_true", help="also time a pandas transform")
    args = parser.parse_args()
    warm_up()
    for pack in args.pack or sorted(WRITERS):
        figures = bench_pack(pack, args.rows, args.seed, args.pandas)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
