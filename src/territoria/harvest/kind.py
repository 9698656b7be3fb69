"""Which kind of catalogue a URL is (Opendatasoft, CKAN, DCAT): from its path when it says
so, else by asking the portal the question only that kind answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from territoria.harvest import ckan, ods
from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import RemoteDataset, RemoteError, UnusableSourceError

KINDS = ("ods", "ckan", "dcat")
RDF_SUFFIXES = (".ttl", ".rdf", ".jsonld", ".xml", "/exports/dcat")
RDF_TYPES = ("turtle", "rdf+xml", "ld+json", "n-triples", "trig")


def from_path(url: str) -> str | None:
    """The kind the URL's path names, if it does (an RDF file or Opendatasoft's DCAT export
    first: ``…/api/explore/v2.1/catalog/exports/dcat`` is DCAT)."""
    path = url.split("?", 1)[0].rstrip("/")
    if path.endswith(RDF_SUFFIXES):
        return "dcat"
    if "/api/explore/" in path or "/api/datasets/1.0" in path:
        return "ods"
    if "/api/3" in path or "/api/action" in path:
        return "ckan"
    if path.endswith("/catalog"):
        return "dcat"
    return None


def source_key(kind: str, url: str) -> str:
    """The catalogue a URL names, as the harvest remembers it: the portal's root for
    Opendatasoft and CKAN (``https://x/`` and ``https://x/api/3/action/package_search`` are
    one catalogue), the URL without its trailing slash for DCAT."""
    if kind == "ods":
        return f"ods:{ods.base_of(url)}"
    if kind == "ckan":
        return f"ckan:{ckan.base_of(url)}"
    return f"dcat:{url.rstrip('/')}"


def _answers(url: str, check: Callable[[], Any]) -> bool:
    """Whether the portal answers ``check`` yes; an unreachable portal stops the probing."""
    try:
        return bool(check())
    except RemoteError as error:
        reason = str(error.details.get("reason", ""))
        if reason and not reason.startswith("HTTP"):
            raise unreachable(url, reason) from None
        return False


def probe(client: PoliteClient, url: str) -> str:
    """Ask the portal: an ODS catalogue page, then CKAN's ``status_show``, then RDF."""
    root = url.split("?", 1)[0].rstrip("/")

    def is_ods() -> bool:
        page = client.get_json(f"{root}{ods.API}/catalog/datasets", {"limit": 1})
        return isinstance(page, dict) and "total_count" in page

    def is_old_ods() -> bool:  # a portal that still answers Opendatasoft's API v1 only
        page = client.get_json(f"{root}{ods.V1}", {"rows": 0})
        return isinstance(page, dict) and "nhits" in page

    def is_ckan() -> bool:
        answer = client.get_json(f"{root}{ckan.ACTION}/status_show")
        return isinstance(answer, dict) and answer.get("success") is True

    def is_rdf() -> bool:
        response = client.get(url, accept="text/turtle, application/rdf+xml;q=0.9")
        kind = response.headers.get("Content-Type", "")
        return response.status_code == 200 and any(t in kind for t in RDF_TYPES)

    checks = (("ods", is_ods), ("ods", is_old_ods), ("ckan", is_ckan), ("dcat", is_rdf))
    for kind, check in checks:
        if _answers(url, check):
            return kind
    raise not_a_catalogue(url)


def not_a_catalogue(url: str) -> UnusableSourceError:
    """The error of a URL that answers but is no catalogue we read."""
    return UnusableSourceError(
        f"« {url} » n'est pas un catalogue Opendatasoft, CKAN ou DCAT",
        f"'{url}' is not an Opendatasoft, CKAN or DCAT catalogue",
        hint_fr="donnez l'adresse du portail, ou précisez --kind ods|ckan|dcat",
        hint_en="give the portal's address, or set --kind ods|ckan|dcat",
        details={"url": url},
    )


def unreachable(url: str, reason: str) -> UnusableSourceError:
    """The error of a URL nobody answers at."""
    return UnusableSourceError(
        f"« {url} » est injoignable : {reason}",
        f"'{url}' is unreachable: {reason}",
        hint_fr="vérifiez l'adresse et le réseau",
        hint_en="check the address and the network",
        details={"url": url, "reason": reason},
    )


def reader(kind: str) -> Callable[[PoliteClient, str], Iterator[RemoteDataset]]:
    """The function listing the datasets of a catalogue of ``kind``."""
    if kind == "ods":
        return ods.datasets
    if kind == "ckan":
        return ckan.datasets
    from territoria.harvest.dcat import datasets  # rdflib: loaded only for DCAT sources

    return datasets


def detect(client: PoliteClient, url: str, kind: str | None) -> str:
    """``kind`` if given, else the one the URL's path or the portal's answers give."""
    return kind or from_path(url) or probe(client, url)
