"""CKAN's package, organisation, resource and status actions through the real ckanapi client
on a live uvicorn: parameters, limits, envelopes, error types; expected values come from the
catalogue's own metadata (``metadata_of``), not from literals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from ckan_oracle import PRIVATE, PUBLIC, PUBLIC_URL
from ckanapi import CKANAPIError, NotFound, RemoteCKAN, SearchQueryError, ValidationError
from throwaway import Served

from territoria.config import Settings
from territoria.security.actor import ANONYMOUS
from territoria.services.catalogue_search import search_catalogue
from territoria.services.metadata import metadata_of

ACTION = "/api/3/action"


def test_status_show_and_util_status(ckan: RemoteCKAN, anon: httpx.Client) -> None:
    status = ckan.action.status_show()
    assert status["ckan_version"].startswith("2.")
    assert "datastore" in status["extensions"]
    util = anon.get("/api/util/status")
    assert util.status_code == 200
    assert util.json() == status


def test_envelope_help_and_get_equals_post(anon: httpx.Client, live_url: str) -> None:
    got = anon.get(f"{ACTION}/package_list")
    posted = anon.post(f"{ACTION}/package_list", json={})
    assert got.status_code == posted.status_code == 200
    assert got.headers["content-type"].startswith("application/json")
    assert got.json() == posted.json()
    assert got.json()["help"] == f"{live_url}{ACTION}/help_show?name=package_list"
    assert got.json()["success"] is True
    assert anon.get("/api/action/package_list").json() == got.json()  # ckanapi's path


def test_package_list_is_the_public_datasets(ckan: RemoteCKAN, ckan_admin: RemoteCKAN) -> None:
    assert ckan.action.package_list() == sorted(PUBLIC)
    assert ckan_admin.action.package_list() == sorted(PUBLIC)  # CKAN lists public ones only
    assert ckan.action.package_list(limit=1, offset=1) == sorted(PUBLIC)[1:2]


def test_package_show_maps_the_metadata(ckan: RemoteCKAN, live_settings: Settings) -> None:
    meta = metadata_of(live_settings, "subventions-31", ANONYMOUS)
    package = ckan.action.package_show(id="subventions-31")
    assert package == ckan.action.package_show(id=meta["identifier"])
    assert package["id"] == meta["identifier"]
    assert (package["name"], package["title"]) == (meta["slug"], meta["title"])
    assert package["organization"]["name"] == meta["publisher"]["code"]
    assert package["organization"]["title"] == meta["publisher"]["name"]
    assert [t["name"] for t in package["tags"]] == meta["keywords"]
    assert package["private"] is False and package["state"] == "active"
    assert package["num_resources"] == len(package["resources"])
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras.get("conforms_to") == meta["conformsTo"]
    formats = [r["format"] for r in package["resources"]]
    assert {"CSV", "JSON", "Parquet", "XLSX"} <= set(formats)
    for resource in package["resources"]:
        assert resource["resource_type"] == "file"  # what udata's harvester keeps
        assert resource["url"].endswith(
            f"/api/explore/v2.1/catalog/datasets/subventions-31/exports/"
            f"{resource['format'].lower()}"
        )
    assert [r["format"] for r in package["resources"] if r["datastore_active"]] == ["CSV"]


def test_resources_download(ckan: RemoteCKAN, anon: httpx.Client) -> None:
    package = ckan.action.package_show(id="trilib-paris")
    for resource in package["resources"]:
        answer = anon.get(resource["url"])
        assert answer.status_code == 200, resource["format"]
        assert answer.headers["content-type"].split(";")[0] == resource["mimetype"]


def test_resource_show(ckan: RemoteCKAN) -> None:
    package = ckan.action.package_show(id="fontaines-paris")
    first = package["resources"][0]
    assert ckan.action.resource_show(id=first["id"]) == first
    with pytest.raises(NotFound):
        ckan.action.resource_show(id="00000000-0000-0000-0000-000000000000")


def test_package_search_counts_pages_and_sorts(ckan: RemoteCKAN, ckan_get: RemoteCKAN) -> None:
    everything = ckan.action.package_search(rows=1000)
    assert everything["count"] == len(PUBLIC)
    assert [p["name"] for p in everything["results"]] == sorted(PUBLIC)  # no q: ties by name
    by_name = ckan.action.package_search(sort="name desc", rows=2, start=1)
    assert [p["name"] for p in by_name["results"]] == sorted(PUBLIC, reverse=True)[1:3]
    assert ckan_get.action.package_search(sort="name desc", rows=2, start=1) == by_name
    assert ckan.action.package_search(rows=0)["results"] == []
    capped = ckan.action.package_search(rows=5000)  # CKAN caps rows at 1000 silently
    assert capped["count"] == len(capped["results"]) == len(PUBLIC)


def test_package_search_q_and_fq(ckan: RemoteCKAN, live_settings: Settings) -> None:
    meta = metadata_of(live_settings, "trilib-paris", ANONYMOUS)
    code = meta["publisher"]["code"]
    assert ckan.action.package_search(q="*:*")["count"] == len(PUBLIC)
    in_org = ckan.action.package_search(fq=f"organization:{code}")
    assert in_org["count"] == len(PUBLIC)
    assert ckan.action.package_search(q=f"-organization:{code}")["count"] == 0
    words = ckan.action.package_search(q="trilib paris", rows=1000)
    expected = search_catalogue(live_settings, ANONYMOUS, q="trilib paris", limit=1000)
    assert [p["name"] for p in words["results"]] == [m["slug"] for m in expected.items]
    assert words["count"] == expected.total > 0
    plus = ckan.action.package_search(fq=f"+organization:{code} +name:trilib-paris")
    assert [p["name"] for p in plus["results"]] == ["trilib-paris"]
    named = ckan.action.package_search(q="name:trilib-paris AND res_format:CSV")
    assert [p["name"] for p in named["results"]] == ["trilib-paris"]
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="nosuchfield:x")


def test_package_search_facets(ckan: RemoteCKAN) -> None:
    found = ckan.action.package_search(facet__field=None)  # no facet asked: none counted
    assert found["facets"] == {}
    result = ckan.call_action(
        "package_search", {"facet.field": ["organization", "res_format"], "facet.limit": 2}
    )
    packages = ckan.action.package_search(rows=1000)["results"]
    expected_orgs: dict[str, int] = {}
    for p in packages:
        expected_orgs[p["organization"]["name"]] = (
            expected_orgs.get(p["organization"]["name"], 0) + 1
        )
    assert result["facets"]["organization"] == expected_orgs
    assert len(result["facets"]["res_format"]) == 2
    items = result["search_facets"]["res_format"]["items"]
    assert [i["count"] for i in items] == sorted((i["count"] for i in items), reverse=True)


def test_validation_errors(ckan: RemoteCKAN, anon: httpx.Client) -> None:
    with pytest.raises(ValidationError) as raised:
        ckan.action.package_search(rows=-1)
    assert raised.value.error_dict["rows"] == ["Must be a natural number"]
    with pytest.raises(ValidationError):
        ckan.action.package_show()
    answer = anon.get(f"{ACTION}/package_search", params={"start": "abc"})
    assert answer.status_code == 409
    assert answer.json()["error"]["__type"] == "Validation Error"
    assert answer.json()["success"] is False


def test_unknown_action_is_ckans_bare_400(anon: httpx.Client, ckan: RemoteCKAN) -> None:
    answer = anon.get(f"{ACTION}/package_delete")
    assert answer.status_code == 400
    assert answer.json() == "Bad request - Action name not known: package_delete"
    with pytest.raises(CKANAPIError):
        ckan.call_action("no_such_action")


def test_organisations(ckan: RemoteCKAN, live_settings: Settings) -> None:
    codes = {metadata_of(live_settings, s, ANONYMOUS)["publisher"]["code"] for s in PUBLIC}
    names = ckan.action.organization_list()
    assert codes <= set(names)
    full = ckan.action.organization_list(all_fields=True, sort="package_count desc")
    counts = [o["package_count"] for o in full]
    assert counts == sorted(counts, reverse=True)
    assert ckan.action.organization_list(limit=1, offset=1) == names[1:2]
    org = full[0]
    assert ckan.action.organization_show(id=org["name"]) == org
    assert ckan.action.organization_show(id=org["id"]) == org
    with_datasets = ckan.action.organization_show(id=org["name"], include_datasets=True)
    assert len(with_datasets["packages"]) == org["package_count"]
    assert {p["organization"]["name"] for p in with_datasets["packages"]} <= {org["name"]}
    with pytest.raises(NotFound):
        ckan.action.organization_show(id="pas-une-organisation")
    with pytest.raises(ValidationError):
        ckan.action.organization_list(sort="nope")


def _private(ckan_admin: RemoteCKAN) -> dict[str, Any]:
    package: dict[str, Any] = ckan_admin.action.package_show(id=PRIVATE)
    return package


def test_private_dataset_is_invisible_on_every_action(
    ckan: RemoteCKAN, ckan_admin: RemoteCKAN, live_settings: Settings
) -> None:
    private = _private(ckan_admin)
    assert private["private"] is True
    for ident in (PRIVATE, private["id"]):
        with pytest.raises(NotFound):
            ckan.action.package_show(id=ident)
    for resource in private["resources"]:
        with pytest.raises(NotFound):
            ckan.action.resource_show(id=resource["id"])
        assert ckan_admin.action.resource_show(id=resource["id"])["id"] == resource["id"]
    assert PRIVATE not in ckan.action.package_list()
    anonymous = ckan.action.package_search(include_private=True, rows=1000, facet__field=None)
    assert PRIVATE not in [p["name"] for p in anonymous["results"]]
    admin = ckan_admin.action.package_search(include_private=True, rows=1000)
    assert PRIVATE in [p["name"] for p in admin["results"]]
    assert PRIVATE not in [
        p["name"] for p in ckan_admin.action.package_search(rows=1000)["results"]
    ]
    faceted = ckan.call_action("package_search", {"facet.field": ["organization"]})
    assert private["organization"]["name"] not in faceted["facets"]["organization"]
    org = private["organization"]["name"]
    assert ckan.action.organization_show(id=org)["package_count"] == 0
    assert ckan_admin.action.organization_show(id=org)["package_count"] == 1


def test_help_show_documents_each_action(ckan: RemoteCKAN, anon: httpx.Client) -> None:
    for name in ("package_search", "datastore_search", "status_show"):
        assert ckan.action.help_show(name=name)
    help_link = anon.get(f"{ACTION}/package_show", params={"id": "trilib-paris"}).json()["help"]
    assert anon.get(help_link).json()["result"] == ckan.action.help_show(name="package_show")
    for hidden in ("datastore_search_sql", "package_delete"):  # closed, unknown
        with pytest.raises(NotFound):
            ckan.action.help_show(name=hidden)


def test_every_metadata_field_maps(sql_server: Served) -> None:
    meta = metadata_of(sql_server.settings, "mesures", ANONYMOUS)
    with RemoteCKAN(sql_server.url) as client:
        package = client.action.package_show(id="mesures")
    assert package["notes"] == meta["description"]
    assert package["url"] == meta["landingPage"]
    assert (package["license_id"], package["license_title"], package["license_url"]) == (
        meta["license"]["id"],
        meta["license"]["label"],
        meta["license"]["uri"],
    )
    assert [t["name"] for t in package["tags"]] == meta["keywords"]
    assert [g["title"] for g in package["groups"]] == [t["label"] for t in meta["themes"]]
    assert package["maintainer_email"] == meta["contactPoint"]["email"]
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["frequency"] == meta["frequency"]["uri"]  # udata parses the EU URI
    assert (extras["temporal_start"], extras["temporal_end"]) == (
        meta["temporal"]["start"],
        meta["temporal"]["end"],
    )
    assert extras["spatial-text"] == ", ".join(meta["spatial"])
    assert "spatial" not in extras  # udata reads it as a GeoJSON polygon, which we do not hold
    assert package["metadata_modified"] == meta["modified"]
    for resource in package["resources"]:  # links from the configured public URL
        assert resource["url"].startswith(f"{PUBLIC_URL}/api/explore/v2.1/catalog/datasets/")
    assert "GeoJSON" not in [r["format"] for r in package["resources"]]  # no geometry here


def _every_action_call(ckan: RemoteCKAN) -> list[tuple[str, dict[str, Any]]]:
    package = ckan.action.package_show(id="trilib-paris")
    [datastore] = [r for r in package["resources"] if r["datastore_active"]]
    return [
        ("status_show", {}),
        ("package_list", {"limit": 2}),
        ("package_search", {"q": "paris", "rows": 2, "facet.field": '["organization"]'}),
        ("package_show", {"id": package["id"]}),
        ("organization_list", {"all_fields": "true", "limit": 5}),
        ("organization_show", {"id": package["organization"]["name"]}),
        ("resource_show", {"id": datastore["id"]}),
        ("datastore_search", {"resource_id": datastore["id"], "filters": '{"_id": [1, 2]}'}),
        ("help_show", {"name": "package_show"}),
    ]


def test_get_and_post_answer_alike_on_every_action(ckan: RemoteCKAN, anon: httpx.Client) -> None:
    for name, params in _every_action_call(ckan):
        got = anon.get(f"{ACTION}/{name}", params=params)
        posted = anon.post(f"{ACTION}/{name}", json=params)
        assert got.status_code == posted.status_code == 200, name
        assert got.json() == posted.json(), name
        assert got.json()["help"].endswith(f"help_show?name={name}")
