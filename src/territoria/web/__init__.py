"""The portal: server-rendered pages for inhabitants, agents and elected officials.

Pages read data through the service layer (never through HTTP calls to the APIs), render
Jinja2 templates French first with an English catalogue, and work without JavaScript; the
vendored scripts of ``static/`` only add charts, maps and live filters.
"""

from __future__ import annotations

from fastapi import FastAPI

from territoria.web.routes import routers
from territoria.web.static_files import mount_static


def install_portal(app: FastAPI) -> None:
    """Add the portal's pages and static assets to ``app`` (after the APIs' routes)."""
    mount_static(app)
    for router in routers():
        app.include_router(router)
