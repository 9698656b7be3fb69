"""The DCAT-AP 3 catalogue over HTTP: ``/catalog`` (content negotiation), ``/catalog.ttl``,
``.rdf``, ``.jsonld``, and Opendatasoft's ``catalog/exports/dcat`` (also ``rdf``, ``ttl``).

Without an ``Accept`` naming an RDF type, ``/catalog`` answers Turtle — data.gouv.fr's
harvester reads the format from the URL's suffix or, failing that, from the ``Content-Type``
of a ``HEAD``, so HEAD is served too. Opendatasoft's ``dcat`` export is RDF/XML by default.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response

from territoria.api.deps import ActorDep, SessionDep, StateDep
from territoria.api.explore_v21.backend import version_fields
from territoria.api.explore_v21.dataset_object import GEO_TYPES
from territoria.catalog.dcat import turtle
from territoria.catalog.models import Version
from territoria.services.dcat_catalogue import (
    DEFAULT_PAGE_SIZE,
    ODS_PREFIX,
    Geography,
    PageRequest,
    catalogue_graph,
)
from territoria.services.dcat_extent import point_extent

router = APIRouter(tags=["DCAT-AP"])

# rdflib serialiser → the media type it answers with
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
}
ACCEPTED = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
}


def negotiate(accept: str | None, default: str) -> str:
    """The serialiser the ``Accept`` header prefers (q-values honoured, the first listed
    winning a tie); ``default`` for ``*/*``, no header, or only types we do not write."""
    best: tuple[float, int, str] | None = None
    for position, part in enumerate((accept or "").split(",")):
        kind, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        fmt = ACCEPTED.get(kind.lower())
        if fmt and quality > 0 and (best is None or (quality, -position) > best[:2]):
            best = (quality, -position, fmt)
    return best[2] if best else default


def _answer(request: Request, state: StateDep, session: SessionDep, actor: ActorDep,
            fmt: str, page: int, page_size: int) -> Response:  # fmt: skip
    base = (state.settings.public_url or str(request.base_url)).rstrip("/")
    path = f"{base}{request.url.path}"

    def page_url(number: int) -> str:
        return f"{path}?{urlencode({'page': number, 'page_size': page_size})}"

    def geography(version: Version) -> Geography:
        fields = version_fields(state, version)
        data_file = state.instance.lake.data_file(version.lake_path)
        extent = point_extent(version.lake_path, data_file, fields)
        return any(f.type in GEO_TYPES for f in fields), extent

    graph = catalogue_graph(
        session, actor, state.settings, base, PageRequest(page, page_size, page_url), geography
    )
    writer = turtle.FORMAT if fmt == "turtle" else fmt  # rdflib's own Turtle is quadratic
    body = graph.serialize(format=writer, encoding="utf-8")
    media = MEDIA_TYPES[fmt]
    return Response(
        b"" if request.method == "HEAD" else body,
        media_type=f"{media}; charset=utf-8",
        headers={"Vary": "Accept", "Content-Length": str(len(body))},
    )


PageParam = Query(1, description="Page (from 1)")
SizeParam = Query(DEFAULT_PAGE_SIZE, description="Datasets per page (1…500)")


def _route(path: str, fmt: str, operation_id: str, negotiated: bool) -> None:
    """GET ``path`` (in the OpenAPI document) and HEAD (outside it: one operation id names
    one method), answering ``fmt`` or, when ``negotiated``, what ``Accept`` prefers."""

    def serve(request: Request, state: StateDep, session: SessionDep, actor: ActorDep,
              page: int = PageParam, page_size: int = SizeParam) -> Response:  # fmt: skip
        chosen = negotiate(request.headers.get("accept"), fmt) if negotiated else fmt
        return _answer(request, state, session, actor, chosen, page, page_size)

    serve.__doc__ = f"The DCAT-AP catalogue, Hydra-paged; {MEDIA_TYPES[fmt]}" + (
        " unless ``Accept`` asks Turtle, RDF/XML or JSON-LD." if negotiated else "."
    )
    router.add_api_route(path, serve, methods=["GET"], operation_id=operation_id)
    router.add_api_route(path, serve, methods=["HEAD"], include_in_schema=False)


_route("/catalog", "turtle", "dcat_catalog", negotiated=True)
_route("/catalog.ttl", "turtle", "dcat_catalog_ttl", negotiated=False)
_route("/catalog.rdf", "xml", "dcat_catalog_rdf", negotiated=False)
_route("/catalog.jsonld", "json-ld", "dcat_catalog_jsonld", negotiated=False)
_route(f"{ODS_PREFIX}/catalog/exports/dcat", "xml", "ods_catalog_export_dcat", negotiated=True)
_route(f"{ODS_PREFIX}/catalog/exports/rdf", "xml", "ods_catalog_export_rdf", negotiated=False)
_route(f"{ODS_PREFIX}/catalog/exports/ttl", "turtle", "ods_catalog_export_ttl", negotiated=False)
