"""Rebuild the bundled programme lists (``geo/data/programmes/*.csv``) from the ANCT files.

A maintainer's command (``python -m territoria.geo.build_programmes DIR``, DIR holding the
two ANCT CSV files): the lists are copied with the columns Territoria uses, and without the
mayors' names and the town halls' e-mail addresses of the Petites Villes de Demain file
(personal data of public officials that labels do not need); values are unchanged.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PROGRAMMES = Path(__file__).with_name("data") / "programmes"
FILES = {
    "petites-villes-de-demain-communes.csv": (
        "id_pvd",
        "insee_com",
        "lib_com",
        "insee_dep",
        "lib_dep",
        "lib_reg",
        "siren_epci",
        "lib_epci",
    ),
    "action-coeur-de-ville-communes.csv": (
        "id_acv",
        "insee_com",
        "lib_com",
        "insee_dep",
        "insee_reg",
        "lib_reg",
        "siren_epci",
    ),
}


def build(folder: Path, target: Path = PROGRAMMES) -> dict[str, int]:
    """Write the reduced copies; the number of communes of each file."""
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, columns in FILES.items():
        with (folder / name).open(encoding="utf-8", newline="") as source:
            rows = [{c: row[c] for c in columns} for row in csv.DictReader(source)]
        with (target / name).open("w", encoding="utf-8", newline="") as copy:
            writer = csv.DictWriter(copy, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        counts[name] = len(rows)
    return counts


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    print(build(Path(sys.argv[1])), "→", PROGRAMMES)
