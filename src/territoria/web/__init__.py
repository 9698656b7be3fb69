"""The portal: server-rendered pages for inhabitants, agents and elected officials.

Pages read data through the service layer (never through HTTP calls to the APIs), render
Jinja2 templates French first with an English catalogue, and work without JavaScript; the
vendored scripts of ``static/`` only add charts, maps and live filters.
"""

from __future__ import annotations

from fastapi import FastAPI

from territoria.web.compression import PortalCompression, endpoints_of
from territoria.web.routes import routers
from territoria.web.static_files import mount_static
from territoria.web.templating import environment


def install_portal(app: FastAPI) -> None:
    """Add the portal's pages and static assets to ``app`` (after the APIs' routes), its
    pages gzipped for the browsers that accept it."""
    mount_static(app)
    portal = routers()
    for router in portal:
        app.include_router(router)
    app.add_middleware(PortalCompression, endpoints=endpoints_of(portal))


def warm_portal() -> None:
    """Compile every page's template now (≈ 0.5 s) rather than on each page's first visit."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
