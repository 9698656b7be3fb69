"""Rebuild the bundled geography (``geo/data/territories.parquet``) from the COG JSON files.

Run once by a maintainer when a new COG vintage is out (``python -m
territoria.geo.build_bundle DIR [SHAPES]``, DIR holding the ``@etalab/decoupage-administratif``
JSON files, SHAPES the france-geojson COG 2018 commune file whose names give the old names of
communes merged since); nothing reads those files at run time. One flat table, one row per
territory, with its parents already resolved, so loading is a single Parquet read and no join.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from territoria.geo.names import name_key

BUNDLE = Path(__file__).with_name("data") / "territories.parquet"
COMMUNE_LEVELS = {
    "commune-actuelle": "commune",
    "commune-deleguee": "commune-deleguee",
    "commune-associee": "commune-associee",
    "arrondissement-municipal": "arrondissement-municipal",
}
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("level", pa.string()),
        ("code", pa.string()),
        ("name", pa.string()),
        ("population", pa.int64()),
        ("siren", pa.string()),
        ("kind", pa.string()),
        ("departement", pa.string()),
        ("region", pa.string()),
        ("postal_codes", pa.list_(pa.string())),
        ("old_codes", pa.list_(pa.string())),
        ("old_names", pa.list_(pa.string())),
        ("parents", pa.list_(pa.string())),
    ]
)


def _load(folder: Path, name: str) -> list[dict[str, Any]]:
    with (folder / f"{name}.json").open(encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = json.load(handle)
    return rows


def _row(level: str, code: str, name: str, parents: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": f"{level}:{code}",
        "level": level,
        "code": code,
        "name": name,
        "parents": parents,
        **extra,
    }


def names_2018(shapes: Path | None) -> dict[str, str]:
    """Code → name of the communes of the COG 2018 file (none without the file)."""
    if shapes is None:
        return {}
    with shapes.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {f["properties"]["code"]: f["properties"]["nom"] for f in features}


def _old_names(commune: dict[str, Any], named: dict[str, str]) -> list[str]:
    """The 2018 names of a commune's code and old codes that are not its name today
    (« Carentan » for Carentan-les-Marais, « Olonne-sur-Mer » for Les Sables-d'Olonne)."""
    codes = [commune["code"], *(commune.get("anciensCodes") or [])]
    today = name_key(commune["nom"])
    return sorted({named[c] for c in codes if c in named and name_key(named[c]) != today})


def territory_rows(folder: Path, shapes: Path | None = None) -> list[dict[str, Any]]:
    """Every territory of the COG files as a flat row (parents as ``level:code`` ids)."""
    named = names_2018(shapes)
    groups = {"epci": _load(folder, "epci"), "ept": _load(folder, "ept")}
    group_of: dict[str, list[str]] = {}
    for level, items in groups.items():
        for group in items:
            for member in group["membres"]:
                group_of.setdefault(member["code"], []).append(f"{level}:{group['code']}")
    communes = _load(folder, "communes")
    dep_of = {c["code"]: c["departement"] for c in communes if c["type"] == "commune-actuelle"}
    pop_of = {
        c["code"]: c.get("population") or 0 for c in communes if c["type"] == "commune-actuelle"
    }
    people: dict[str, int] = {}  # Σ population of communes actuelles per département and région
    for c in communes:
        if c["type"] == "commune-actuelle":
            for key in (f"departement:{c['departement']}", f"region:{c['region']}"):
                people[key] = people.get(key, 0) + (c.get("population") or 0)
    rows = [
        _row(
            "pays",
            "FR",
            "France",
            [],
            population=sum(
                c.get("population") or 0 for c in communes if c["type"] == "commune-actuelle"
            ),
        )
    ]
    for region in _load(folder, "regions"):
        rows.append(
            _row(
                "region",
                region["code"],
                region["nom"],
                ["pays:FR"],
                region=region["code"],
                population=people.get(f"region:{region['code']}"),
            )
        )
    for dep in _load(folder, "departements"):
        rows.append(
            _row(
                "departement",
                dep["code"],
                dep["nom"],
                [f"region:{dep['region']}"],
                departement=dep["code"],
                region=dep["region"],
                population=people.get(f"departement:{dep['code']}"),
            )
        )
    for level, items in groups.items():
        for group in items:
            deps = sorted({dep_of[m["code"]] for m in group["membres"] if m["code"] in dep_of})
            rows.append(
                _row(
                    level,
                    group["code"],
                    group["nom"],
                    [f"departement:{d}" for d in deps],
                    siren=group["code"],
                    kind=group["type"],
                    population=sum(pop_of.get(m["code"], 0) for m in group["membres"]),
                )
            )
    for commune in communes:
        level = COMMUNE_LEVELS[commune["type"]]
        if level == "commune":
            parents = [*group_of.get(commune["code"], []), f"departement:{commune['departement']}"]
        else:
            parents = [f"commune:{commune.get('commune') or commune.get('chefLieu')}"]
        rows.append(
            _row(
                level,
                commune["code"],
                commune["nom"],
                parents,
                population=commune.get("population"),
                siren=commune.get("siren"),
                departement=commune.get("departement"),
                region=commune.get("region"),
                postal_codes=commune.get("codesPostaux") or [],
                old_codes=commune.get("anciensCodes") or [],
                old_names=_old_names(commune, named) if level == "commune" else [],
            )
        )
    return rows


def build(folder: Path, target: Path = BUNDLE, shapes: Path | None = None) -> int:
    """Write the bundle; the number of territories written."""
    rows = territory_rows(folder, shapes)
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    pq.write_table(table, target, compression="zstd", compression_level=19)
    return int(table.num_rows)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    shapes = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    print(build(Path(sys.argv[1]), shapes=shapes), "territoires / territories →", BUNDLE)
