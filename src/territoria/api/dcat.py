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
METHODS = ["GET", "HEAD"]


@router.api_route("/catalog", methods=METHODS, operation_id="dcat_catalog")
def catalog(request: Request, state: StateDep, session: SessionDep, actor: ActorDep,
            page: int = PageParam, page_size: int = SizeParam) -> Response:  # fmt: skip
    """The DCAT-AP catalogue in the format the ``Accept`` header asks (Turtle by default)."""
    fmt = negotiate(request.headers.get("accept"), "turtle")
    return _answer(request, state, session, actor, fmt, page, page_size)


def _fixed(path: str, fmt: str, operation_id: str, negotiated: bool = False) -> None:
    def serve(request: Request, state: StateDep, session: SessionDep, actor: ActorDep,
              page: int = PageParam, page_size: int = SizeParam) -> Response:  # fmt: skip
        chosen = negotiate(request.headers.get("accept"), fmt) if negotiated else fmt
        return _answer(request, state, session, actor, chosen, page, page_size)

    serve.__doc__ = f"The DCAT-AP catalogue as {MEDIA_TYPES[fmt]}."
    router.add_api_route(path, serve, methods=METHODS, operation_id=operation_id)


_fixed("/catalog.ttl", "turtle", "dcat_catalog_ttl")
_fixed("/catalog.rdf", "xml", "dcat_catalog_rdf")
_fixed("/catalog.jsonld", "json-ld", "dcat_catalog_jsonld")
_fixed(f"{ODS_PREFIX}/catalog/exports/dcat", "xml", "ods_catalog_export_dcat", negotiated=True)
_fixed(f"{ODS_PREFIX}/catalog/exports/rdf", "xml", "ods_catalog_export_rdf")
_fixed(f"{ODS_PREFIX}/catalog/exports/ttl", "turtle", "ods_catalog_export_ttl")
