"""``dataset_from_rdf(dataset_to_rdf(m)) == m`` on every metadata field, through each of
Turtle, RDF/XML and JSON-LD, for metadata hypothesis draws from our vocabularies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from territoria.catalog.changes import normalise_changes
from territoria.catalog.dcat.catalog import catalog_from_rdf
from territoria.catalog.dcat.dataset import dataset_iri, dataset_to_rdf
from territoria.catalog.dcat.namespaces import new_graph
from territoria.catalog.dcat.terms import LANGUAGES
from territoria.catalog.vocabularies.frequencies import FREQUENCIES
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
BASE = "https://data.example.fr"
FORMATS = ("turtle", "xml", "json-ld")
TERRITORIES = (
    "commune:75056", "commune:2A004", "commune:31555@2024", "departement:2B", "departement:31",
    "region:76", "epci:200046977", "iris:751010101", "pays:FR",
)  # fmt: skip
SIRENS = ("217500016", "213105554", "200046977", "223100017")

words = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), min_size=1, max_size=40
).map(str.strip).filter(bool)  # fmt: skip


def _themes(ids: list[str]) -> list[str]:
    """Drop an EU theme one of the drawn verticals already narrows (the export writes it)."""
    implied = {THEMES.resolve(i).broader for i in ids}
    return [i for i in ids if THEMES.resolve(i).uri not in implied]


@st.composite
def changes(draw: st.DrawFn) -> dict[str, Any]:
    """A metadata change dict with any subset of the optional fields filled."""
    title = draw(words)
    out: dict[str, Any] = {"title": title}
    description = draw(st.one_of(st.none(), words))
    if description and description != title:
        out["description"] = description
    optional = {
        "keywords": st.lists(words, max_size=4, unique=True),
        "themes": st.lists(st.sampled_from([t.id for t in THEMES.terms]), max_size=3, unique=True)
        .map(_themes),
        "license": st.sampled_from([t.id for t in LICENCES.terms]),
        "frequency": st.sampled_from([t.id for t in FREQUENCIES.terms]),
        "spatial": st.lists(st.sampled_from(TERRITORIES), max_size=3, unique=True),
        "contactName": words,
        "contactEmail": st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.fr", fullmatch=True),
        "landingPage": st.from_regex(r"https://[a-z]{3,10}\.fr/[a-z0-9-]{0,20}", fullmatch=True),
        "language": st.sampled_from(sorted(LANGUAGES)),
        "publisher": st.builds(
            lambda siren, name, territory, coded: {
                "code": siren if coded else f"org-{siren}",
                "name": name,
                "siren": siren,
                "territory": territory,
            },
            st.sampled_from(SIRENS),
            words,
            st.one_of(st.none(), st.sampled_from([t for t in TERRITORIES if "@" not in t])),
            st.booleans(),
        ),
    }  # fmt: skip
    for key, strategy in optional.items():
        if draw(st.booleans()):
            out[key] = draw(strategy)
    if draw(st.booleans()):
        start = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
        out["temporalStart"] = start.isoformat()
        if draw(st.booleans()):
            out["temporalEnd"] = (start + dt.timedelta(days=draw(st.integers(0, 4000)))).isoformat()
    return out


def as_metadata(change: dict[str, Any]) -> dict[str, Any]:
    """The metadata dict ``dataset_metadata`` would show for a dataset with ``change``."""
    publisher = change.get("publisher")
    return {
        "identifier": "6f1c1f0e-3b7a-4b53-9a57-1f2e3d4c5b6a",
        "slug": "jeu",
        "title": change["title"],
        "description": change.get("description", ""),
        "keywords": change.get("keywords", []),
        "themes": [THEMES.shown(t) for t in change.get("themes", [])],
        "publisher": None if publisher is None else {**publisher, "kind": "commune"},
        "contactPoint": {"name": change.get("contactName"), "email": change.get("contactEmail")},
        "license": LICENCES.shown(change["license"]) if "license" in change else None,
        "spatial": change.get("spatial", []),
        "temporal": {"start": change.get("temporalStart"), "end": change.get("temporalEnd")},
        "frequency": FREQUENCIES.shown(change["frequency"]) if "frequency" in change else None,
        "issued": "2024-03-01T10:00:00+00:00",
        "modified": "2025-01-02T08:30:00+00:00",
        "conformsTo": None,
        "language": change.get("language", "fr"),
        "landingPage": change.get("landingPage"),
    }


def canonical(change: dict[str, Any]) -> dict[str, Any]:
    """Checked column values, lists sorted (RDF keeps no order), empty values dropped, the
    default language and our own landing page (written when none is set) as absent."""
    values = normalise_changes(change)
    if values.get("landing_page") == f"{BASE}/datasets/jeu":
        values.pop("landing_page")
    if values.get("language") == "fr":
        values.pop("language")
    return {
        k: sorted(v) if isinstance(v, list) else v
        for k, v in values.items()
        if v not in (None, "", [])
    }


@settings(max_examples=60, deadline=None)
@given(change=changes(), fmt=st.sampled_from(FORMATS))
def test_metadata_survive_the_round_trip(change: dict[str, Any], fmt: str) -> None:
    graph = new_graph()
    node = dataset_to_rdf(graph, as_metadata(change), BASE, [])
    assert node == dataset_iri(BASE, "6f1c1f0e-3b7a-4b53-9a57-1f2e3d4c5b6a")
    parsed = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
    [remote] = catalog_from_rdf(parsed)
    assert remote.remote_id == "6f1c1f0e-3b7a-4b53-9a57-1f2e3d4c5b6a"
    assert canonical(remote.metadata) == canonical(change)
    assert remote.unmapped == {}


def test_a_character_xml_refuses_does_not_break_rdf_xml() -> None:
    graph = new_graph()
    dataset_to_rdf(graph, as_metadata({"title": "Budget\x01 2024\x0b"}), BASE, [])
    parsed = Graph().parse(data=graph.serialize(format="xml"), format="xml")
    [remote] = catalog_from_rdf(parsed)
    assert remote.metadata["title"] == "Budget 2024"


def test_an_undescribed_dataset_repeats_its_title_and_reads_back_undescribed() -> None:
    graph = new_graph()
    dataset_to_rdf(graph, as_metadata({"title": "Prénoms"}), BASE, [])
    [remote] = catalog_from_rdf(graph)
    assert remote.metadata["description"] == ""
    assert "Prénoms" in graph.serialize(format="turtle").split("description")[1]


def test_values_our_checks_refuse_are_set_aside_not_fatal() -> None:
    """A remote catalogue's malformed values land in ``unmapped``: the rest still migrates."""
    graph = new_graph()
    metadata = as_metadata({"title": "Budget", "keywords": ["budget"]})
    metadata["contactPoint"] = {"name": "Service", "email": "pas-une-adresse"}
    metadata["publisher"] = {"code": "123456789", "name": "Ville", "siren": None, "kind": "commune"}
    metadata["landingPage"] = "ftp://vieux.portail.fr/budget"
    metadata["license"] = {"id": "x", "uri": "https://example.org/licence-maison"}
    dataset_to_rdf(graph, metadata, BASE, [])
    [remote] = catalog_from_rdf(graph)
    assert remote.metadata["title"] == "Budget" and remote.metadata["keywords"] == ["budget"]
    assert remote.unmapped == {
        "contactEmail": "pas-une-adresse",
        "publisher": {"code": "123456789", "name": "Ville", "siren": None, "territory": None},
        "landingPage": "ftp://vieux.portail.fr/budget",
        "license": "https://example.org/licence-maison",
    }
    normalise_changes(remote.metadata)  # what is kept passes every check
