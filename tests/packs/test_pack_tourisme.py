"""The tourisme pack end to end on the real Atout France list: postal code + commune name →
commune, establishments, capacity and the taux de fonction touristique; ambiguous or unknown
references reported with their rows."""

from __future__ import annotations

from collections import Counter

import pytest
from pack_homes import SAMPLES, CopyOf, Ingested, built_once, read_csv, results_by_key

from territoria.config import Settings
from territoria.geo.geography import geography

ATOUT = SAMPLES / "tourisme/hebergements-classes-atout-france.csv"
CAPACITY = "CAPACITÉ D'ACCUEIL (PERSONNES)"


@pytest.fixture(scope="module")
def tourisme(instance_copy: CopyOf) -> tuple[Settings, Ingested]:
    settings, (result,) = built_once(instance_copy, "tourisme", [(ATOUT, "tourisme-hebergements")])
    return settings, result


def _paris(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every 75xxx postal code is Paris's (one row reads "PAP" for its commune: still Paris)."""
    return [r for r in rows if r["CODE POSTAL"].startswith("75")]


def test_paris_establishments_capacity_and_rate(tourisme: tuple[Settings, Ingested]) -> None:
    settings, _ = tourisme
    paris = _paris(read_csv(ATOUT))
    year = max(r["DATE DE CLASSEMENT"][-4:] for r in read_csv(ATOUT))
    counts = Counter(r["TYPOLOGIE ÉTABLISSEMENT"] for r in paris)
    beds = sum(float(r[CAPACITY]) for r in paris)
    found = results_by_key(settings, "tourisme", "tourisme.etablissements", ("typologie",))
    for kind, count in counts.items():
        assert found[("commune:75056", year, kind)]["valeur"] == count
    capacity = results_by_key(settings, "tourisme", "tourisme.capacite", ("typologie",))
    assert sum(v["valeur"] for k, v in capacity.items() if k[0] == "commune:75056") == beds
    rate = results_by_key(settings, "tourisme", "tourisme.taux-fonction-touristique")
    population = geography().get("commune:75056").population
    assert population
    assert rate[("commune:75056", year)]["valeur"] == pytest.approx(beds / population * 100)


def test_departement_rate_takes_every_commune_population(
    tourisme: tuple[Settings, Ingested],
) -> None:
    """Communes without classified accommodation count as zero beds: the département's rate
    divides its communes' beds by its own population (over: all)."""
    settings, result = tourisme
    assert result.pack is not None
    unresolved = {u["rowNumber"] for u in result.pack["transform"]["unresolved"]}
    rows = read_csv(ATOUT)
    beds = sum(
        float(r[CAPACITY])
        for number, r in enumerate(rows, start=2)
        if r["CODE POSTAL"].startswith("74") and number not in unresolved
    )
    year = max(r["DATE DE CLASSEMENT"][-4:] for r in rows)
    rate = results_by_key(settings, "tourisme", "tourisme.taux-fonction-touristique")
    population = geography().get("departement:74").population
    assert population
    assert rate[("departement:74", year)]["valeur"] == pytest.approx(beds / population * 100)


def test_ambiguous_postal_codes_are_reported_with_their_rows(
    tourisme: tuple[Settings, Ingested],
) -> None:
    _, result = tourisme
    assert result.pack is not None
    report = result.pack["transform"]
    rows = read_csv(ATOUT)
    assert report["rowsTidy"] == len(rows)
    assert 0 < report["unresolvedCount"] < len(rows) * 0.02
    for item in report["unresolved"]:
        raw = rows[item["rowNumber"] - 2]  # header = row 1
        assert raw["CODE POSTAL"] == item["value"]
        assert item["status"] in ("ambiguous", "unknown")
        if item["status"] == "ambiguous":
            assert len(item["candidates"]) > 1
