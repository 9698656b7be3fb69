"""Explore v2.1 catalogue: root links, catalog/datasets, one dataset, catalog/facets — their
shapes, limits, error bodies and the visibility rule, against a live uvicorn."""

from __future__ import annotations

import httpx
import pytest
from ods_oracle import BASE, PRIVATE, PUBLIC, fields_of, rows

from territoria.config import Settings


def test_root_and_catalog_answer_links_with_and_without_final_slash(anon: httpx.Client) -> None:
    for path in (BASE, f"{BASE}/"):
        links = {link["rel"]: link["href"] for link in anon.get(path).json()["links"]}
        assert links["catalog"].endswith(f"{BASE}/catalog")
    catalog = anon.get(f"{BASE}/catalog/").json()["links"]
    assert {link["rel"] for link in catalog} >= {"datasets", "exports", "facets"}


def test_catalog_lists_public_datasets_only_for_anonymous(anon: httpx.Client) -> None:
    body = anon.get(f"{BASE}/catalog/datasets", params={"limit": 100}).json()
    assert body["total_count"] == len(PUBLIC)
    assert sorted(d["dataset_id"] for d in body["results"]) == sorted(PUBLIC)


def test_catalog_lists_private_dataset_for_the_administrator(admin: httpx.Client) -> None:
    body = admin.get(f"{BASE}/catalog/datasets", params={"limit": 100}).json()
    assert body["total_count"] == len(PUBLIC) + 1
    private = next(d for d in body["results"] if d["dataset_id"] == PRIVATE)
    assert private["visibility"] == "restricted"


def test_apikey_parameter_is_the_administrator_as_on_opendatasoft(
    anon: httpx.Client, live_settings: Settings
) -> None:
    token = live_settings.admin_token
    assert (
        anon.get(f"{BASE}/catalog/datasets/{PRIVATE}", params={"apikey": token}).status_code == 200
    )
    assert (
        anon.get(f"{BASE}/catalog/datasets/{PRIVATE}", params={"apikey": "nope"}).status_code == 404
    )


def test_default_page_is_ten_and_paging_follows_dataset_ids(anon: httpx.Client) -> None:
    first = anon.get(f"{BASE}/catalog/datasets", params={"limit": 1, "order_by": "dataset_id"})
    second = anon.get(
        f"{BASE}/catalog/datasets", params={"limit": 1, "offset": 1, "order_by": "dataset_id"}
    )
    ids = [first.json()["results"][0]["dataset_id"], second.json()["results"][0]["dataset_id"]]
    assert ids == sorted(PUBLIC)[:2]


def test_dataset_object_has_opendatasoft_shape_and_true_counts(
    anon: httpx.Client, live_settings: Settings
) -> None:
    body = anon.get(f"{BASE}/catalog/datasets/fontaines-paris").json()
    assert set(body) >= {
        "dataset_id",
        "dataset_uid",
        "has_records",
        "data_visible",
        "features",
        "fields",
        "metas",
        "attachments",
        "alternative_exports",
        "visibility",
    }
    assert body["dataset_uid"].startswith("da_")
    default = body["metas"]["default"]
    [(count,)] = rows(live_settings, "fontaines-paris", "SELECT count(*) FROM data")
    assert default["records_count"] == count and body["has_records"] is (count > 0)
    for key in ("title", "modified", "data_processed", "metadata_processed", "language"):
        assert key in default
    expected = [(f.name, f.type) for f in fields_of(live_settings, "fontaines-paris")]
    assert [(f["name"], f["type"]) for f in body["fields"]] == expected
    assert "geo" in body["features"]
    assert all(
        set(f) >= {"name", "label", "type", "description", "annotations"} for f in body["fields"]
    )


def test_dataset_uid_is_stable(anon: httpx.Client) -> None:
    one = anon.get(f"{BASE}/catalog/datasets/trilib-paris").json()["dataset_uid"]
    listed = anon.get(f"{BASE}/catalog/datasets", params={"where": 'dataset_id="trilib-paris"'})
    assert listed.json()["results"][0]["dataset_uid"] == one


def test_private_dataset_answers_as_an_unknown_one(anon: httpx.Client, admin: httpx.Client) -> None:
    unknown = anon.get(f"{BASE}/catalog/datasets/no-such-dataset")
    private = anon.get(f"{BASE}/catalog/datasets/{PRIVATE}")
    assert unknown.status_code == private.status_code == 404
    assert unknown.json()["error_code"] == private.json()["error_code"] == "NotFoundError"
    assert private.json()["message"] == f"Unknown dataset: {PRIVATE}"
    assert admin.get(f"{BASE}/catalog/datasets/{PRIVATE}").status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"limit": 101},
            "Invalid value for limit API parameter: 101 was found but -1 <= limit <= 100 "
            "is expected.",
        ),
        (
            {"limit": -2},
            "Invalid value for limit API parameter: -2 was found but -1 <= limit <= 100 "
            "is expected.",
        ),
        (
            {"limit": "ten"},
            "Invalid value for limit API parameter: ten was found but an integer is expected.",
        ),
        (
            {"offset": -1},
            "Invalid value for offset API parameter: -1 was found but 0 <= offset is expected.",
        ),
    ],
)
def test_bad_paging_answers_opendatasoft_message(
    anon: httpx.Client, params: dict[str, object], message: str
) -> None:
    answer = anon.get(f"{BASE}/catalog/datasets", params=params)
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "InvalidRESTParameterError"
    assert answer.json()["message"] == message


def test_window_beyond_ten_thousand_is_refused(anon: httpx.Client) -> None:
    assert (
        anon.get(f"{BASE}/catalog/datasets", params={"offset": 9990, "limit": 10}).status_code
        == 200
    )
    answer = anon.get(f"{BASE}/catalog/datasets", params={"offset": 9991, "limit": 10})
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "InvalidRESTParameterError"


def test_full_text_refine_and_select(anon: httpx.Client) -> None:
    found = anon.get(
        f"{BASE}/catalog/datasets",
        params={"where": 'search("fontaines")', "select": "dataset_id, records_count"},
    ).json()
    assert [r["dataset_id"] for r in found["results"]] == ["fontaines-paris"]
    assert set(found["results"][0]) == {"dataset_id", "records_count"}
    refined = anon.get(f"{BASE}/catalog/datasets", params={"refine": "features:geo"}).json()
    assert [r["dataset_id"] for r in refined["results"]] == ["fontaines-paris"]
    excluded = anon.get(f"{BASE}/catalog/datasets", params={"exclude": "features:geo"}).json()
    assert excluded["total_count"] == len(PUBLIC) - 1


def test_records_count_order(anon: httpx.Client) -> None:
    body = anon.get(f"{BASE}/catalog/datasets", params={"order_by": "records_count desc"}).json()
    counts = [d["metas"]["default"]["records_count"] for d in body["results"]]
    assert counts == sorted(counts, reverse=True)


def test_unsupported_catalog_query_is_an_odsql_error(anon: httpx.Client) -> None:
    answer = anon.get(f"{BASE}/catalog/datasets", params={"where": "records_count >> 3"})
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "ODSQLError"
    assert "records_count >> 3" in answer.json()["message"]


def test_catalog_facets_do_not_count_private_datasets(
    anon: httpx.Client, admin: httpx.Client
) -> None:
    def publishers(client: httpx.Client) -> dict[str, int]:
        body = client.get(f"{BASE}/catalog/facets", params={"facet": "publisher"}).json()
        [facet] = body["facets"]
        return {v["name"]: v["count"] for v in facet["facets"]}

    anonymous, administrator = publishers(anon), publishers(admin)
    assert sum(anonymous.values()) == len(PUBLIC)
    assert sum(administrator.values()) == len(PUBLIC) + 1
    assert set(administrator) - set(anonymous)  # the private dataset's publisher


def test_catalog_where_compares_counts_and_dates(
    anon: httpx.Client, live_settings: Settings
) -> None:
    counts = {s: rows(live_settings, s, "SELECT count(*) FROM data")[0][0] for s in PUBLIC}
    body = anon.get(
        f"{BASE}/catalog/datasets",
        params={"where": "records_count > 200 and modified >= date'2000-01-01'"},
    ).json()
    assert sorted(d["dataset_id"] for d in body["results"]) == sorted(
        s for s, n in counts.items() if n > 200
    )
    none = anon.get(f"{BASE}/catalog/datasets", params={"where": "modified < '2000'"}).json()
    assert none["total_count"] == 0


def test_catalog_exports_leave_other_formats_to_other_routers(anon: httpx.Client) -> None:
    assert anon.get(f"{BASE}/catalog/exports/json").status_code == 200
    assert anon.get(f"{BASE}/catalog/exports/no-such-format").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"where": f'dataset_id = "{PRIVATE}"'},
        {"refine": f"dataset_id:{PRIVATE}"},
        {"where": "prenoms"},
    ],
)
def test_private_dataset_is_never_found_by_anonymous_queries(
    anon: httpx.Client, admin: httpx.Client, params: dict[str, str]
) -> None:
    assert anon.get(f"{BASE}/catalog/datasets", params=params).json()["total_count"] == 0
    found = admin.get(f"{BASE}/catalog/datasets", params=params).json()
    assert [d["dataset_id"] for d in found["results"]] == [PRIVATE]


def test_catalog_exports_and_attachments_listings(anon: httpx.Client) -> None:
    links = anon.get(f"{BASE}/catalog/exports").json()["links"]
    assert {link["rel"] for link in links} == {"csv", "json", "dcat", "rdf", "ttl"}
    for link in links:  # every listed export answers
        assert anon.get(link["href"]).status_code == 200, link
    listed = anon.get(f"{BASE}/catalog/datasets/trilib-paris/attachments")
    assert listed.json() == {"links": [], "attachments": []}
    assert anon.get(f"{BASE}/catalog/datasets/{PRIVATE}/attachments").status_code == 404


def test_a_write_method_is_refused_in_the_opendatasoft_shape(anon: httpx.Client) -> None:
    answer = anon.post(f"{BASE}/catalog/datasets")
    assert answer.status_code == 405
    assert answer.json()["error_code"] == "MethodNotAllowedError"
