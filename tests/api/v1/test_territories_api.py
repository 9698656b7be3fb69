"""/api/v1/territories on a real uvicorn: search, one territory with parents, children,
population, labels and contour, and its comparison with peers on computed real data."""

from __future__ import annotations

import statistics

import httpx
import pytest
from indicator_server import GROUP

from territoria.geo.geography import geography

V1 = "/api/v1"
RATE = "securite.taux-pour-mille"
BURGLARIES = "Cambriolages de logement"


@pytest.fixture
def http(computed_http: httpx.Client) -> httpx.Client:
    """The server of the computed packs, shared with the other read-only module."""
    return computed_http


def _error(response: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    body: dict[str, str] = response.json()
    assert body["error_code"] == code and body["message"] and body["message_fr"]
    return body


def test_search_by_name_code_and_postal_code(http: httpx.Client) -> None:
    found = http.get(f"{V1}/territories", params={"q": "ajaccio"}).json()
    assert found[0]["id"] == "commune:2A004" and found[0]["match"] == "name"
    assert http.get(f"{V1}/territories", params={"q": "2A"}).json()[0]["id"] == "departement:2A"
    assert http.get(f"{V1}/territories", params={"q": "78660"}).json()[0]["id"] == "commune:78003"
    _error(http.get(f"{V1}/territories"), 400, "invalid-parameter")
    _error(http.get(f"{V1}/territories", params={"q": "x", "limit": 0}), 400, "invalid-parameter")


def test_one_territory_with_parents_children_labels_and_contour(http: httpx.Client) -> None:
    geo = geography()
    corse = http.get(f"{V1}/territories/departement:2a").json()
    assert (
        corse["id"] == "departement:2A"
        and corse["population"] == geo.by_id["departement:2A"].population
    )
    assert corse["parents"] == [{"id": "region:94", "name": "Corse", "level": "region"}]
    assert {c["id"] for c in corse["children"]} == {c.id for c in geo.children("departement:2A")}
    assert sum(corse["childrenCount"].values()) == len(corse["children"])
    assert corse["contour"]["type"] in ("Polygon", "MultiPolygon")
    assert {label["id"] for label in corse["labels"]} == {"group:sud"}
    ablis = http.get(f"{V1}/territories/commune:78003", params={"contour": "false"}).json()
    assert "contour" not in ablis
    assert ablis["labels"] == [
        {
            "id": "label:pvd",
            "kind": "programme",
            "title": {
                "fr": "Petites Villes de Demain",
                "en": "Petites Villes de Demain (small towns of tomorrow)",
            },
        }
    ]


def test_unknown_and_malformed_territories(http: httpx.Client) -> None:
    unknown = _error(http.get(f"{V1}/territories/departement:00"), 404, "unknown-territory")
    assert "departement:00" in unknown["message"]
    _error(http.get(f"{V1}/territories/nowhere"), 400, "invalid-territory-id")
    _error(
        http.get(f"{V1}/territories/canton:12/compare", params={"indicator": RATE}),
        400,
        "invalid-territory-id",
    )


def test_compare_agrees_with_the_values_endpoint(http: httpx.Client) -> None:
    params = {"indicator": RATE, "period": "2022", "classe": BURGLARIES}
    answer = http.get(f"{V1}/territories/departement:2A/compare", params=params).json()
    assert answer["peers"]["id"] == "strate" and answer["peers"]["title"]["fr"] == "départements"
    (item,) = answer["comparisons"]
    values = http.get(
        f"{V1}/indicators/{RATE}/values",
        params={"level": "departement", "period": "2022", "classe": BURGLARIES},
    ).json()["results"]
    rates = {r["territory"]: r["value"] for r in values if r["value"] is not None}
    mine = rates["departement:2A"]
    assert item["value"] == mine and item["peerCount"] == len(rates)
    assert item["median"] == pytest.approx(statistics.median(rates.values()))
    assert item["rank"] == 1 + sum(1 for v in rates.values() if v < mine)  # lower is better
    assert item["gap"]["absolute"] == pytest.approx(mine - statistics.median(rates.values()))
    assert item["evolution"]["previous"]["period"] == "2021"
    assert item["sentence"]["fr"].startswith(
        "Avec 1,40 pour 1 000 habitants ou logements, le département se situe en dessous"
    )
    assert item["sentence"]["en"].startswith(
        "With 1.40 per 1,000 inhabitants or dwellings, the département is below"
    )


def test_compare_with_a_region_an_imported_group_and_a_label(http: httpx.Client) -> None:
    base = f"{V1}/territories/departement:2A/compare"
    params = {"indicator": RATE, "classe": BURGLARIES}
    corse = http.get(base, params={**params, "peers": "region"}).json()
    assert corse["peers"]["size"] == 2 and corse["comparisons"][0]["peerCount"] == 2
    sud = http.get(base, params={**params, "peers": "group:sud"}).json()
    assert sud["peers"]["size"] == len(GROUP) and sud["peers"]["title"]["fr"].endswith(
        "« Départements du Sud »"
    )
    assert sud["comparisons"][0]["period"] == "2022"  # the latest with a value
    pvd = http.get(
        f"{V1}/territories/commune:78003/compare",
        params={"indicator": "tourisme.taux-fonction-touristique", "peers": "label:pvd"},
    ).json()
    assert pvd["peers"]["id"] == "label:pvd" and pvd["territory"]["name"] == "Ablis"


def test_compare_refuses_bad_input_clearly(http: httpx.Client) -> None:
    base = f"{V1}/territories/departement:2A/compare"
    _error(http.get(base), 400, "invalid-parameter")
    _error(
        http.get(base, params={"indicator": RATE, "peers": "voisins"}), 400, "unknown-peer-group"
    )
    _error(
        http.get(base, params={"indicator": RATE, "peers": "group:absent"}), 404, "unknown-group"
    )
    _error(http.get(base, params={"indicator": "securite.rien"}), 404, "unknown-indicator")
    _error(
        http.get(base, params={"indicator": "energie.mwh-par-habitant"}),
        409,
        "indicator-not-computed",
    )
    _error(http.get(base, params={"indicator": RATE, "couleur": "bleu"}), 400, "unknown-filter")
