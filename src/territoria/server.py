"""The whole platform as one ASGI application: the APIs, then the portal.

The composition root: ``api`` and ``web`` are siblings that never import each other, so the
server that serves both lives above them and wires the portal's error pages into the
APIs' error handlers.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI

from territoria.api.app import create_app
from territoria.api.errors import register_error_page
from territoria.api.state import ServerState
from territoria.config import Settings
from territoria.geo.contours import contour_geojson
from territoria.geo.geography import geography
from territoria.geo.lookup import lookup_for
from territoria.packs.registry import list_packs
from territoria.security.actor import ANONYMOUS
from territoria.services.home_overview import home_overview
from territoria.web import install_portal, warm_portal
from territoria.web.error_pages import error_page

_log = logging.getLogger(__name__)


def create_server_app(settings: Settings) -> FastAPI:
    """The APIs and the portal for the instance of ``settings`` (refused when it is missing
    or outdated, before the server listens)."""
    app = create_app(settings)
    install_portal(app)
    register_error_page(app, error_page)
    return app


def warm_up(app: FastAPI) -> None:
    """Pay now, before the server listens, what its first visitors would wait for (≈ 2 s):
    the official geography and its name index, the contours' database with DuckDB's spatial
    extension (a map's first GeoJSON), the bundled packs, the portal's templates, and the
    home page's catalogue snapshot and headline figures. Kept out of
    :func:`create_server_app`: the tests start many servers that need none of it."""
    geo = geography()
    lookup_for(geo)
    contour_geojson(next(territory.id for territory in geo if territory.level == "region"))
    list_packs()
    warm_portal()
    state: ServerState = app.state.territoria
    try:
        home_overview(state.instance, state.settings.portal_territory, ANONYMOUS)
    except Exception:  # a cache filled in advance, never a reason not to serve: the home
        # page will show its error to its first visitor, as without the warm-up
        _log.warning("home page not warmed up", exc_info=True)
