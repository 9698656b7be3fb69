"""Commune-level tidy data for every pack source, drawn from the real samples' distributions."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from territoria.geo.geography import Geography

FRANCE = 68_000_000.0
SECTEURS = ("Agriculture", "Industrie", "Tertiaire", "Résidentiel", "Inconnu")
SECTEUR_COLUMNS = {
    "Agriculture": "Consommation Agriculture (MWh)",
    "Industrie": "Consommation Industrie (MWh)",
    "Tertiaire": "Consommation Tertiaire  (MWh)",
    "Résidentiel": "Consommation Résidentiel  (MWh)",
    "Inconnu": "Consommation Secteur Inconnu (MWh)",
}
TRILIB = {"Can / Plastic": "Emballages", "CB": "Papiers-cartons", "Glass": "Verre"}


def _stats(root: Path) -> dict[str, list[tuple[object, ...]]]:
    """Per-category figures of the real samples (national totals per inhabitant, frequencies)."""
    samples = root / "tests" / "data" / "samples"
    con = duckdb.connect()

    def rows(sql: str, path: str) -> list[tuple[object, ...]]:
        return con.execute(sql.replace("FILE", "?"), [str(samples / path)]).fetchall()

    sinoe = rows(
        "SELECT L_TYP_REG_DECHET, sum(TONNAGE_T) FROM read_csv(FILE) WHERE ANNEE = 2021 "
        "GROUP BY 1 ORDER BY 1",
        "dechets/tonnage-decheterie-par-type-dechet-par-dept.csv",
    )
    ssmsi = rows(
        'SELECT classe, any_value("unité.de.compte"), sum(CAST(faits AS DOUBLE)) / '
        "sum(CAST(replace(POP, ',', '.') AS DOUBLE)) FROM read_csv(FILE, delim=';', "
        "all_varchar=true) WHERE annee = '22' GROUP BY 1 ORDER BY 1",
        "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv",
    )
    energy = rows(
        'SELECT "Filière", '
        + ", ".join(f'sum("{c}")' for c in SECTEUR_COLUMNS.values())
        + " FROM read_csv(FILE, delim=';') WHERE \"Année\" = 2019 GROUP BY 1 ORDER BY 1",
        "energie/conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv",
    )
    text = (
        (samples / "securite/etat4001-faits2010-par-departement.csv").read_bytes().decode("cp1252")
    )
    etat = [tuple(line.split(";")) for line in text.splitlines()[1:] if line.strip()]
    lodging = rows(
        'SELECT "TYPOLOGIE ÉTABLISSEMENT", TRY_CAST("CAPACITÉ D\'ACCUEIL (PERSONNES)" '
        'AS DOUBLE), TRY_CAST("NOMBRE DE CHAMBRES" AS DOUBLE), '
        "TRY_CAST(\"NOMBRE D'EMPLACEMENTS\" AS DOUBLE) FROM read_csv(FILE, delim=';', "
        "all_varchar=true)",
        "tourisme/hebergements-classes-atout-france.csv",
    )
    fountains = rows(
        "SELECT \"Type Objet\", count(*) FROM read_csv(FILE, delim=';') GROUP BY 1 ORDER BY 1",
        "eau/fontaines-a-boire-paris-2021.csv",
    )
    containers = rows(
        "SELECT wastetype_designation, count(*) FROM read_csv(FILE, delim=';') "
        "GROUP BY 1 ORDER BY 1",
        "dechets/trilib-paris-2018.csv",
    )
    etat_totals = [
        (row[0], float(sum(float(v.replace(" ", "").replace("\xa0", "") or 0) for v in row[1:])))
        for row in etat
    ]
    return {
        "sinoe": sinoe,
        "ssmsi": ssmsi,
        "energy": energy,
        "etat": etat_totals,
        "lodging": lodging,
        "fountains": fountains,
        "containers": containers,
    }


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(object), type=pa.string())


def _table(columns: dict[str, object]) -> pa.Table:
    return pa.table(columns)


def generate(
    rng: np.random.Generator, geo: Geography, years: int, root: Path
) -> dict[str, pa.Table]:
    """One tidy table per pack source role, every commune × ``years`` years."""
    stats = _stats(root)
    communes = [t for t in geo if t.level == "commune"]
    ids = np.array([t.id for t in communes], dtype=object)
    pop = np.array([float(t.population or 0) for t in communes])
    periods = [str(2024 - years + 1 + i) for i in range(years)]
    n = len(ids)
    out: dict[str, pa.Table] = {}

    # SINOE: every commune × year × waste type, tonnage per inhabitant of the national total
    types = np.array([r[0] for r in stats["sinoe"]], dtype=object)
    per_capita = np.array([float(r[1]) for r in stats["sinoe"]]) / FRANCE  # type: ignore[arg-type]
    c, y, k = (
        a.ravel()
        for a in np.meshgrid(np.arange(n), np.arange(years), np.arange(len(types)), indexing="ij")
    )
    tonnage = pop[c] * per_capita[k] * rng.lognormal(0, 0.4, c.size) * (1 + 0.02 * y)
    tonnage[rng.random(c.size) < 0.01] = np.nan
    out["sinoe"] = _table(
        {
            "territoire": _text(ids[c]),
            "periode": _text(np.array(periods, dtype=object)[y]),
            "type_dechet": _text(types[k]),
            "tonnage_t": pa.array(tonnage, from_pandas=True),
        }
    )

    # SSMSI: every commune × year × offence class, faits ~ Poisson(rate × population), some secret
    classes = np.array([r[0] for r in stats["ssmsi"]], dtype=object)
    units = np.array([r[1] for r in stats["ssmsi"]], dtype=object)
    rates = np.array([float(r[2]) for r in stats["ssmsi"]])  # type: ignore[arg-type]
    c, y, k = (
        a.ravel()
        for a in np.meshgrid(np.arange(n), np.arange(years), np.arange(len(classes)), indexing="ij")
    )
    faits = rng.poisson(pop[c] * rates[k]).astype(float)
    faits[rng.random(c.size) < 0.03] = np.nan
    dwellings = np.round(pop * rng.uniform(0.4, 0.6, n))
    out["ssmsi"] = _table(
        {
            "territoire": _text(ids[c]),
            "periode": _text(np.array(periods, dtype=object)[y]),
            "classe": _text(classes[k]),
            "unite_de_compte": _text(units[k]),
            "faits": pa.array(faits, from_pandas=True),
            "pop": pop[c],
            "log": dwellings[c],
        }
    )

    # ORE: electricity in every commune, gas in a third of them, per secteur
    rows_c, rows_y, rows_f, rows_s, rows_v = [], [], [], [], []
    for filiere, *totals in stats["energy"]:
        served = np.ones(n, bool) if filiere != "Gaz" else rng.random(n) < 0.3
        idx = np.flatnonzero(served)
        for s_index, total in enumerate(totals):
            per_head = float(total) / FRANCE * (3.0 if filiere == "Gaz" else 1.0)  # type: ignore[arg-type]
            for year in range(years):
                rows_c.append(idx)
                rows_y.append(np.full(idx.size, year))
                rows_f.append(np.full(idx.size, filiere, dtype=object))
                rows_s.append(np.full(idx.size, SECTEURS[s_index], dtype=object))
                rows_v.append(pop[idx] * per_head * rng.lognormal(0, 0.5, idx.size))
    c, y = np.concatenate(rows_c), np.concatenate(rows_y)
    out["consommation"] = _table(
        {
            "territoire": _text(ids[c]),
            "periode": _text(np.array(periods, dtype=object)[y]),
            "filiere": _text(np.concatenate(rows_f)),
            "secteur": _text(np.concatenate(rows_s)),
            "conso_mwh": np.concatenate(rows_v),
        }
    )

    # État 4001: faits per index ~ Poisson(population × national rate), zero rows left out
    labels = np.array([r[0] for r in stats["etat"]], dtype=object)
    index_rates = np.array([r[1] for r in stats["etat"]]) / 62_000_000.0
    parts = []
    for year in range(years):
        counts = rng.poisson(np.outer(pop, index_rates))
        cc, kk = np.nonzero(counts)
        parts.append((cc, np.full(cc.size, year), kk, counts[cc, kk].astype(float)))
    c, y, k, v = (np.concatenate([p[i] for p in parts]) for i in range(4))
    out["etat4001"] = _table(
        {
            "territoire": _text(ids[c]),
            "periode": _text(np.array(periods, dtype=object)[y]),
            "index_4001": _text(labels[k]),
            "faits": v,
        }
    )

    # Registers, one row per item: establishments (from the real Atout France rows), containers,
    # fountains; the count per commune drawn from population with a tourism/urban skew
    lodging = stats["lodging"]
    appeal = pop * rng.lognormal(0, 1.5, n)

    def counts_for(total: float) -> np.ndarray:
        return rng.poisson(appeal / appeal.sum() * total)

    registers: dict[str, list[np.ndarray]] = {
        "hebergements": [],
        "points-apport": [],
        "fontaines": [],
    }
    years_of: dict[str, list[np.ndarray]] = {key: [] for key in registers}
    for year in range(years):
        for role, total in (
            ("hebergements", len(lodging)),
            ("points-apport", FRANCE / 900),
            ("fontaines", FRANCE / 5000),
        ):
            idx = np.repeat(np.arange(n), counts_for(total))
            registers[role].append(idx)
            years_of[role].append(np.full(idx.size, year))
    c, y = np.concatenate(registers["hebergements"]), np.concatenate(years_of["hebergements"])
    pick = rng.integers(0, len(lodging), c.size)
    column = lambda i: np.array([lodging[j][i] for j in pick], dtype=object)  # noqa: E731
    out["hebergements"] = _table(
        {
            "territoire": _text(ids[c]),
            "periode": _text(np.array(periods, dtype=object)[y]),
            "typologie": _text(column(0)),
            "capacite_personnes": pa.array(column(1), type=pa.float64()),
            "chambres": pa.array(column(2), type=pa.float64()),
            "emplacements": pa.array(column(3), type=pa.float64()),
        }
    )
    for role, key, mapping in (
        ("points-apport", "containers", TRILIB),
        ("fontaines", "fountains", None),
    ):
        names = np.array(
            [mapping.get(str(r[0]), str(r[0])) if mapping else r[0] for r in stats[key]],
            dtype=object,
        )
        weights = np.array([float(r[1]) for r in stats[key]])  # type: ignore[arg-type]
        c, y = np.concatenate(registers[role]), np.concatenate(years_of[role])
        kind = names[rng.choice(len(names), c.size, p=weights / weights.sum())]
        column_name = "type_dechet" if role == "points-apport" else "type_fontaine"
        out[role] = _table(
            {
                "territoire": _text(ids[c]),
                "periode": _text(np.array(periods, dtype=object)[y]),
                column_name: _text(kind),
            }
        )
    return out
