"""The eau pack end to end on the Paris fountains export mapped to the fontaine-eau schema:
arrondissements → Paris (75056), fountains per 10,000 inhabitants, other communes reported."""

from __future__ import annotations

from collections import Counter

import pytest
from pack_homes import SAMPLES, CopyOf, Ingested, built_once, latest_rows, read_csv, results_by_key

from territoria.config import Settings
from territoria.geo.geography import geography

FOUNTAINS = SAMPLES / "eau/fontaines-a-boire-paris-2021.csv"


@pytest.fixture(scope="module")
def eau(instance_copy: CopyOf) -> tuple[Settings, Ingested]:
    settings, (result,) = built_once(instance_copy, "eau", [(FOUNTAINS, "eau-fontaines")])
    return settings, result


def test_fountains_per_10000_inhabitants_of_paris(eau: tuple[Settings, Ingested]) -> None:
    settings, _ = eau
    rows = read_csv(FOUNTAINS)
    paris = [r for r in rows if r["Commune"].startswith("PARIS ")]
    assert len({r["Commune"] for r in paris}) == 20  # every arrondissement, 1ER and 2EME alike
    found = results_by_key(settings, "eau", "eau.fontaines-pour-10000-habitants")
    population = geography().get("commune:75056").population
    assert population
    assert found[("commune:75056", "2021")]["numerateur"] == len(paris)
    assert found[("commune:75056", "2021")]["valeur"] == pytest.approx(
        len(paris) / population * 1e4
    )


def test_rows_follow_the_national_schema(eau: tuple[Settings, Ingested]) -> None:
    settings, result = eau
    assert result.invalid_row_count == 0
    stored = latest_rows(settings, "eau-fontaines")
    raw = read_csv(FOUNTAINS)
    assert [r["id"] for r in stored] == [r["Identifiant"] for r in raw]
    wallace = Counter(r["type_fontaine"] for r in stored)["fontaine type Wallace"]
    assert wallace == sum(1 for r in raw if r["Type Objet"] == "FONTNE_WALLACE")
    first = stored[0]
    lat, lon = (float(x) for x in raw[0]["geo_point_2d"].split(","))
    assert (first["latitude"], first["longitude"]) == (lat, lon)
    assert first["code_commune_insee"] == "75056"  # the resolved commune, as the schema wants
    assert all(r["code_commune_insee"] is None for r in stored if r["territoire"] is None)


def test_communes_outside_paris_resolve_or_are_reported(eau: tuple[Settings, Ingested]) -> None:
    """Paris's fountains in its cemeteries outside Paris: Thiais resolves by name; a name many
    communes share (Saint-Ouen, Bagneux) is reported as ambiguous, row by row."""
    settings, result = eau
    assert result.pack is not None
    report = result.pack["transform"]
    raw = read_csv(FOUNTAINS)
    for item in report["unresolved"]:
        assert raw[item["rowNumber"] - 2]["Commune"] == item["value"]
    reported = {u["value"] for u in report["unresolved"]}
    assert {"SAINT-OUEN", "BAGNEUX"} <= reported
    thiais = sum(1 for r in raw if r["Commune"] == "THIAIS")
    counts = results_by_key(settings, "eau", "eau.fontaines", ("type_fontaine",))
    assert sum(v["valeur"] for k, v in counts.items() if k[0] == "commune:94073") == thiais
