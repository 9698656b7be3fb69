"""What a portal page needs from the running server: its settings, instance and queries.

The server (``territoria.server``) builds the state once; the portal reads it from the
application without importing the API package (the portal and the APIs are siblings).
"""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request

from territoria.config import Settings
from territoria.security.actor import TOKEN_COOKIE, Actor, actor_for_token
from territoria.services.instance import Instance
from territoria.services.querying import QueryService
from territoria.services.visible_versions import VisibleVersions


class PortalState(Protocol):
    """The parts of the server's state the portal reads."""

    settings: Settings
    instance: Instance
    queries: QueryService
    visible: VisibleVersions


def portal_state(request: Request) -> PortalState:
    """The server state of the application serving ``request``."""
    state: PortalState = request.app.state.territoria
    return state


def portal_actor(request: Request) -> Actor:
    """The visitor: the administrator once they gave the token on the upload page (kept in
    an HttpOnly cookie), else anonymous."""
    settings = portal_state(request).settings
    return actor_for_token(request.cookies.get(TOKEN_COOKIE), settings.admin_token)
