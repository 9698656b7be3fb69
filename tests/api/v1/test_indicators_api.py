"""/api/v1/indicators and /api/v1/packs on a real uvicorn, over packs computed from the real
samples: the listing says what is computed, a spec comes whole with its method, values
answer the contract, packs are described, and bad input answers the native error shape."""

from __future__ import annotations

import httpx
import pytest
from indicator_server import GROUP

from territoria.geo.labels import programme_members
from territoria.packs.registry import list_packs

V1 = "/api/v1"
RATE = "securite.taux-pour-mille"
CONTRACT = {"securite.taux-pour-mille", "dechets.kg-par-habitant", "energie.mwh-par-habitant",
            "tourisme.taux-fonction-touristique", "eau.fontaines-pour-10000-habitants"}  # fmt: skip


@pytest.fixture
def http(computed_http: httpx.Client) -> httpx.Client:
    """The server of the computed packs, shared with the other read-only module."""
    return computed_http


def _error(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    body: dict[str, object] = response.json()
    assert body["error_code"] == code and body["message"] and body["message_fr"]
    return body


def test_every_indicator_of_every_pack_says_whether_it_is_computed(http: httpx.Client) -> None:
    listed = http.get(f"{V1}/indicators").json()
    declared = {spec.id for pack in list_packs() for spec in pack.indicators}
    assert {item["id"] for item in listed} == declared and declared >= CONTRACT
    computed = {item["id"] for item in listed if item["computed"]}
    assert {i.partition(".")[0] for i in computed} == {"securite", "eau", "tourisme"}
    assert RATE in computed and "energie.mwh-par-habitant" not in computed
    rate = next(item for item in listed if item["id"] == RATE)
    assert rate["dimensions"] == ["classe", "unite_de_compte"] and rate["level"] == "departement"


def test_one_indicator_with_its_spec_and_method(http: httpx.Client) -> None:
    body = http.get(f"{V1}/indicators/{RATE}").json()
    assert body["spec"]["id"] == RATE and body["spec"]["kind"] == "rate"
    assert body["spec"]["per"] == 1000 and body["polarity"] == "lower-is-better"
    assert "tauxpourmille" in body["method"] and body["computed"]
    assert "2022" in body["periods"]
    assert body["levels"] == ["departement", "region", "pays"]  # as they aggregate, upwards
    waiting = http.get(f"{V1}/indicators/energie.mwh-par-habitant").json()
    assert not waiting["computed"] and "periods" not in waiting


def test_values_answer_the_contract(http: httpx.Client) -> None:
    params = {"territory": "departement:2A", "period": "2022", "classe": "Cambriolages de logement"}
    body = http.get(f"{V1}/indicators/{RATE}/values", params=params).json()
    assert body["indicator"] == RATE and body["unit"]["fr"].startswith("pour 1 000")
    (result,) = body["results"]
    assert set(result) == {
        "territory", "period", "value", "numerator", "denominator", "dimensions", "coverage"
    }  # fmt: skip
    assert (result["territory"], result["period"]) == ("departement:2A", "2022")
    assert result["dimensions"] == {
        "classe": "Cambriolages de logement",
        "unite_de_compte": "infraction",
    }
    assert isinstance(result["value"], float)
    assert result["value"] == pytest.approx(result["numerator"] / result["denominator"] * 1000)
    assert set(result["coverage"]) == {"contributing", "expected", "missing", "missingCount"}
    regions = http.get(
        f"{V1}/indicators/{RATE}/values", params={"level": "region", "period": "2022"}
    )
    assert {r["territory"].partition(":")[0] for r in regions.json()["results"]} == {"region"}
    fountains = http.get(
        f"{V1}/indicators/eau.fontaines-pour-10000-habitants/values",
        params={"territory": "commune:75056"},
    )
    assert [r["period"] for r in fountains.json()["results"]] == ["2021"]


def test_values_of_the_territories_carrying_a_label(http: httpx.Client) -> None:
    values = f"{V1}/indicators/tourisme.taux-fonction-touristique/values"
    communes = http.get(values, params={"level": "commune"}).json()["results"]
    pvd = http.get(values, params={"level": "commune", "label": "label:pvd"}).json()["results"]
    members = programme_members("pvd").communes
    assert pvd and [r for r in communes if r["territory"] in members] == pvd
    rates = f"{V1}/indicators/{RATE}/values"
    sud = http.get(rates, params={"label": "group:sud", "period": "2022"}).json()["results"]
    assert {r["territory"] for r in sud} == set(GROUP)
    _error(http.get(rates, params={"label": "group:absent"}), 404, "unknown-group")
    _error(http.get(rates, params={"label": "label:nope"}), 404, "unknown-label")
    _error(http.get(rates, params={"label": "pvd"}), 400, "invalid-label")


def test_values_refuse_bad_input(http: httpx.Client) -> None:
    values = f"{V1}/indicators/{RATE}/values"
    missing = _error(http.get(f"{V1}/indicators/securite.nope/values"), 404, "unknown-indicator")
    assert "securite.nope" in str(missing["message"])
    _error(http.get(f"{V1}/indicators/securite.nope"), 404, "unknown-indicator")
    unknown = _error(
        http.get(values, params={"territory": "commune:00000"}), 404, "unknown-territory"
    )
    assert "commune:00000" in str(unknown["message"])
    _error(http.get(values, params={"territory": "Paris"}), 400, "invalid-territory-id")
    _error(http.get(values, params={"level": "canton"}), 400, "unknown-filter")
    _error(http.get(values, params={"couleur": "bleu"}), 400, "unknown-filter")
    _error(http.get(values, params={"limit": 0}), 400, "invalid-parameter")
    period = _error(http.get(values, params={"period": "2022-03"}), 400, "invalid-period")
    assert "by year" in str(period["message"])
    _error(
        http.get(f"{V1}/indicators/energie.mwh-par-habitant/values"), 409, "indicator-not-computed"
    )


def test_packs_are_listed_and_described(http: httpx.Client) -> None:
    packs = http.get(f"{V1}/packs").json()
    assert {p["id"] for p in packs} == {pack.id for pack in list_packs()}
    securite = http.get(f"{V1}/packs/securite").json()
    assert RATE in {i["id"] for i in securite["indicators"]} and "method" in securite
    assert securite["resultsDataset"] == "indicateurs-securite"
    _error(http.get(f"{V1}/packs/nope"), 404, "unknown-pack")


def test_operation_ids_are_stable(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "v1_search_territories", "v1_get_territory", "v1_compare_territory", "v1_list_indicators",
        "v1_get_indicator", "v1_indicator_values", "v1_list_packs", "v1_get_pack",
    } <= ids  # fmt: skip
