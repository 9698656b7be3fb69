"""The énergie pack end to end on the real ORE file (wide by sector, unpivoted): MWh per
inhabitant by filière and sector; the rows without a département are reported."""

from __future__ import annotations

from collections import defaultdict

import pytest
from pack_homes import SAMPLES, CopyOf, Ingested, built_once, read_csv, results_by_key

from territoria.config import Settings
from territoria.geo.geography import geography

ORE = SAMPLES / "energie/conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv"
SECTORS = {
    "Agriculture": "Consommation Agriculture (MWh)",
    "Industrie": "Consommation Industrie (MWh)",
    "Tertiaire": "Consommation Tertiaire  (MWh)",
    "Résidentiel": "Consommation Résidentiel  (MWh)",
    "Secteur inconnu": "Consommation Secteur Inconnu (MWh)",
}


@pytest.fixture(scope="module")
def energie(instance_copy: CopyOf) -> tuple[Settings, Ingested]:
    settings, (result,) = built_once(instance_copy, "energie", [(ORE, "energie-consommation")])
    return settings, result


def test_mwh_per_inhabitant_by_departement_filiere_sector(
    energie: tuple[Settings, Ingested],
) -> None:
    settings, _ = energie
    sums: dict[tuple[str, str, str, str], float] = defaultdict(float)
    for row in read_csv(ORE):
        if row["Code Département"] == "NA":
            continue
        for sector, column in SECTORS.items():
            if row[column]:
                key = (f"departement:{row['Code Département']}", row["Année"], row["Filière"])
                sums[(*key, sector)] += float(row[column])
    results = results_by_key(
        settings, "energie", "energie.mwh-par-habitant", ("filiere", "secteur")
    )
    assert sums
    for key, total in sums.items():
        population = geography().get(key[0]).population
        assert population
        assert results[key]["valeur"] == pytest.approx(total / population, rel=1e-9), key


def test_rows_without_departement_are_reported_once_each(
    energie: tuple[Settings, Ingested],
) -> None:
    _, result = energie
    assert result.pack is not None
    report = result.pack["transform"]
    raw = read_csv(ORE)
    expected = [i + 2 for i, row in enumerate(raw) if row["Code Département"] == "NA"]
    assert expected
    assert [u["rowNumber"] for u in report["unresolved"]] == expected
    assert {u["value"] for u in report["unresolved"]} == {"NA"}
    assert report["rowsTidy"] == len(raw) * len(SECTORS)
