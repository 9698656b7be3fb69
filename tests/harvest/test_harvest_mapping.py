"""The harvest's pure rules: which kind a URL names, which catalogue it is, which CKAN
resource is best, and how remote licences, themes, frequencies and publishers map."""

from __future__ import annotations

import pytest

from territoria.harvest.ckan import best_downloads
from territoria.harvest.kind import from_path, source_key
from territoria.harvest.mapping import bundled_schema, licence_value, map_metadata
from territoria.harvest.remote import RemoteDataset


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://data.example.fr/api/explore/v2.1/catalog/datasets", "ods"),
        ("https://data.example.fr/api/explore/v2.1/catalog", "ods"),
        ("https://data.example.fr/api/explore/v2.1/catalog/exports/dcat", "dcat"),
        ("https://data.example.fr/api/datasets/1.0/search/", "ods"),
        ("https://ckan.example.fr/api/3/action/package_search?rows=10", "ckan"),
        ("https://ckan.example.fr/api/action/package_list", "ckan"),
        ("https://x.fr/catalog.ttl", "dcat"),
        ("https://x.fr/catalog.jsonld", "dcat"),
        ("https://x.fr/catalog", "dcat"),
        ("https://x.fr/", None),
    ],
)
def test_kind_from_path(url: str, kind: str | None) -> None:
    assert from_path(url) == kind


def test_one_catalogue_whatever_url_of_it_is_given() -> None:
    spellings = ("https://x.fr", "https://x.fr/", "https://x.fr/api/explore/v2.1/catalog")
    assert len({source_key("ods", u) for u in spellings}) == 1
    ckan = ("https://c.fr/", "https://c.fr/api/3/action/package_search?rows=5")
    assert len({source_key("ckan", u) for u in ckan}) == 1


def test_best_ckan_resource_first_and_unreadable_ones_left_out() -> None:
    resources = [
        {"url": "https://c.fr/doc.pdf", "format": "PDF"},
        {"url": "https://c.fr/data.xlsx", "format": "XLSX"},
        {"url": "https://c.fr/data.csv", "format": "CSV"},
        {"url": "https://c.fr/viewer?config=x#", "format": ""},
        {"url": "https://c.fr/file.geojson", "format": ""},
    ]
    assert [d.format for d in best_downloads(resources)] == ["csv", "xlsx", "geojson"]


@pytest.mark.parametrize(
    ("label", "url", "expected"),
    [
        ("Licence Ouverte v2.0 (Etalab)", None, "etalab-2.0"),
        ("Licence Ouverte (Etalab)", None, "etalab-1.0"),
        ("Open Database License (ODbL)", None, "odbl-1.0"),
        ("odc-odbl", None, "odbl-1.0"),
        # a label of the portal's own making: its URL says which licence it is
        ("Licence maison", "https://opendatacommons.org/licenses/odbl/1-0/", "odbl-1.0"),
        ("Licence maison", None, None),
    ],
)
def test_remote_licence_spellings(label: str, url: str | None, expected: str | None) -> None:
    from territoria.catalog.vocabularies.licences import LICENCES

    found = LICENCES.get(licence_value(label, url) or "")
    assert (found.id if found else None) == expected


def test_unknown_values_are_kept_or_reported_never_raised() -> None:
    remote = RemoteDataset(
        remote_id="x",
        title="X",
        themes=["Environment", "Sports, Loisirs"],
        license="Licence inventée",
        frequency="toutes les lunes",
        spatial=["fr_40_75056"],
        temporal_start="2024-12-31",
        temporal_end="2024-01-01",
        contact_email="pas une adresse",
        publisher="Ville de Paris",
    )
    mapped = map_metadata(remote, org=None)
    assert mapped.changes["themes"] == ["ENVI"]
    assert mapped.changes["keywords"] == ["Sports, Loisirs"]
    assert mapped.changes["publisher"] == {"code": "ville-de-paris", "name": "Ville de Paris"}
    for dropped in ("license", "frequency", "spatial", "contactEmail"):
        assert dropped not in mapped.changes
        assert any(note.startswith(f"{dropped}:") for note in mapped.notes), dropped


def test_conforms_to_names_a_bundled_schema() -> None:
    url = "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.0/schema.json"
    assert bundled_schema(url) == "scdl/subventions"
    assert bundled_schema("https://example.org/schema.json") is None
