#!/usr/bin/env python3
"""Generate a French-open-data-style CSV (';' delimiter, UTF-8) with injected invalid cells.

Usage: python gen_data.py OUT.csv N_ROWS [--seed 42] [--error-rate 0.005] [--truth OUT.truth.json]

Columns: code_insee;nom_commune;date;categorie;tonnage;nb_habitants;latitude;longitude;email_contact
About `error-rate` of the rows (default 0.5 %) carry exactly ONE invalid cell, drawn uniformly
from 10 kinds (see ERROR_KINDS). The exact injected counts are written to the truth JSON so that
validators can be checked against ground truth.
Pure standard library, deterministic for a given seed.
"""

import argparse
import json
import random
import unicodedata

CATEGORIES = [
    "Ordures ménagères résiduelles",
    "Collecte sélective",
    "Verre",
    "Papiers et cartons",
    "Biodéchets",
    "Déchets verts",
    "Encombrants",
    "Bois",
    "Métaux",
    "Textiles",
]


# (dept code, approx centre lat, lon, number of communes in the synthetic pool)
def departments():
    depts = []
    for d in range(1, 96):
        if d == 20:
            depts.append(("2A", 41.9, 8.9))
            depts.append(("2B", 42.4, 9.2))
            continue
        # rough lat/lon spread across metropolitan France
        lat = 42.5 + (d * 37 % 85) / 10.0
        lon = -4.0 + (d * 53 % 120) / 10.0
        depts.append((f"{d:02d}", lat, lon))
    for d, lat, lon in [
        ("971", 16.2, -61.5),
        ("972", 14.6, -61.0),
        ("973", 4.0, -53.0),
        ("974", -21.1, 55.5),
        ("976", -12.8, 45.1),
    ]:
        depts.append((d, lat, lon))
    return depts


PREFIXES = ["Saint-", "Sainte-", "", "", "", "", "La ", "Le ", "Les ", "Val-de-", "Mont-", "Bourg-"]
ROOTS = [
    "Martin",
    "Étienne",
    "Amand",
    "Germain",
    "Hilaire",
    "Jean",
    "Pierre",
    "Laurent",
    "Denis",
    "Aubin",
    "Rémy",
    "Quentin",
    "Genès",
    "Vallon",
    "Chêne",
    "Fontaine",
    "Beaulieu",
    "Montagne",
    "Rivière",
    "Château",
    "Clairefontaine",
    "Boisseau",
    "Ferrière",
    "Bréville",
    "Gévry",
    "Noyelles",
    "Ambérieu",
    "Arçonnay",
    "Œuilly",
    "Plœuc",
    "Lézignan",
    "Pézenas",
    "Sète",
    "Orée",
    "Île",
    "Roche",
    "Vière",
    "Brétigny",
    "Évreux",
    "Gènes",
]
SUFFIXES = [
    "",
    "",
    "",
    "",
    "-sur-Mer",
    "-en-Bresse",
    "-sur-Loire",
    "-les-Bains",
    "-le-Château",
    "-de-Provence",
    "-la-Forêt",
    "-d'Arve",
    "-sous-Bois",
    "-en-Vexin",
    "-du-Lac",
]


def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    out = []
    for ch in s:
        out.append(ch if ch.isalnum() else "-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def build_communes(rng):
    communes = []
    for dept, clat, clon in departments():
        n = 25 if len(dept) == 3 else rng.randint(150, 700)
        for i in range(1, n + 1):
            code = f"{dept}{i:02d}" if len(dept) == 3 else f"{dept}{i:03d}"
            name = rng.choice(PREFIXES) + rng.choice(ROOTS) + rng.choice(SUFFIXES)
            pop = int(rng.lognormvariate(6.5, 1.4))
            lat = clat + rng.uniform(-0.6, 0.6)
            lon = clon + rng.uniform(-0.8, 0.8)
            email = f"{rng.choice(['mairie', 'contact', 'dechets', 'environnement', 'accueil'])}@{slug(name)}.fr"
            communes.append((code, name, pop, lat, lon, email))
    return communes


# kind -> (column, frictionless error type, constraint)
ERROR_KINDS = {
    "code_lost_leading_zero": ("code_insee", "constraint-error", "pattern"),
    "code_bad_letters": ("code_insee", "constraint-error", "pattern"),
    "code_missing": ("code_insee", "constraint-error", "required"),
    "date_impossible": ("date", "type-error", None),
    "date_french_format": ("date", "type-error", None),
    "categorie_unknown": ("categorie", "constraint-error", "enum"),
    "tonnage_negative": ("tonnage", "constraint-error", "minimum"),
    "tonnage_nc": ("tonnage", "type-error", None),
    "habitants_space_thousands": ("nb_habitants", "type-error", None),
    "latitude_out_of_range": ("latitude", "constraint-error", "maximum"),
    "email_malformed": (
        "email_contact",
        "type-error",
        None,
    ),  # frictionless: format email -> type-error
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("rows", type=int)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--error-rate", type=float, default=0.005)
    ap.add_argument("--truth")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    communes = build_communes(rng)
    kinds = list(ERROR_KINDS)
    truth = {k: 0 for k in kinds}
    header = [
        "code_insee",
        "nom_commune",
        "date",
        "categorie",
        "tonnage",
        "nb_habitants",
        "latitude",
        "longitude",
        "email_contact",
    ]
    # days since 2015-01-01 -> precompute date strings for 10 years
    import datetime

    d0 = datetime.date(2015, 1, 1)
    dates = [(d0 + datetime.timedelta(days=i)).isoformat() for i in range(3653)]
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(header) + "\n")
        rnd = rng.random
        for _ in range(a.rows):
            code, name, pop, lat, lon, email = communes[int(rnd() * len(communes))]
            row = [
                code,
                name,
                dates[int(rnd() * len(dates))],
                CATEGORIES[int(rnd() * len(CATEGORIES))],
                f"{rng.expovariate(1 / 40.0):.3f}",
                str(pop),
                f"{lat:.6f}",
                f"{lon:.6f}",
                email if rnd() > 0.1 else "",  # 10 % of emails legitimately missing (optional)
            ]
            if rnd() < a.error_rate:
                k = kinds[int(rnd() * len(kinds))]
                truth[k] += 1
                if k == "code_lost_leading_zero":
                    # Excel-style loss of the leading zero (or a truncated code)
                    row[0] = code[1:] if code[0] == "0" else code[:4]
                elif k == "code_bad_letters":
                    row[0] = "2C" + code[2:] if len(code) == 5 else "XX000"
                elif k == "code_missing":
                    row[0] = ""
                elif k == "date_impossible":
                    row[2] = row[2][:5] + "02-30"
                elif k == "date_french_format":
                    y, m, d = row[2].split("-")
                    row[2] = f"{d}/{m}/{y}"
                elif k == "categorie_unknown":
                    row[3] = rng.choice(["Déchets divers", "DEEE", "verre", "Inconnu"])
                elif k == "tonnage_negative":
                    row[4] = "-" + row[4] if row[4] != "0.000" else "-1.000"
                elif k == "tonnage_nc":
                    row[4] = "NC"
                elif k == "habitants_space_thousands":
                    row[5] = f"{max(pop, 1000) // 1000} {max(pop, 1000) % 1000:03d}"
                elif k == "latitude_out_of_range":
                    row[6] = f"{rng.uniform(90.5, 400):.6f}"
                elif k == "email_malformed":
                    row[8] = rng.choice(
                        ["mairie.exemple.fr", "contact@", "@mairie.fr", "contact@@mairie.fr"]
                    )
            # names may contain an apostrophe but never ';' or '"', so no quoting needed
            f.write(";".join(row) + "\n")
    if a.truth:
        per_col = {}
        for k, n in truth.items():
            col, etype, constraint = ERROR_KINDS[k]
            key = f"{col}:{etype}" + (f":{constraint}" if constraint else "")
            per_col[key] = per_col.get(key, 0) + n
        with open(a.truth, "w") as t:
            json.dump(
                {
                    "rows": a.rows,
                    "seed": a.seed,
                    "error_rate": a.error_rate,
                    "injected_by_kind": truth,
                    "expected_by_column": per_col,
                    "total_invalid_cells": sum(truth.values()),
                },
                t,
                indent=2,
                ensure_ascii=False,
            )


if __name__ == "__main__":
    main()
