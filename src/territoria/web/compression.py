"""Gzip for the portal's own responses (its pages and their ``.json`` twins), not the APIs'.

A territory page weighs ~73 KB of HTML and ~10 KB gzipped, and every browser accepts gzip.
The APIs are left as they are: their exports stream large files whose length their clients
rely on, and a middleware over the whole server would change every API answer at once.
Which endpoint answers is known only once routing has run, so the choice is made when the
response starts: responses of the portal's endpoints go through Starlette's gzip responder
(which already skips small bodies, partial ``206`` answers, images and bodies that carry
their own ``Content-Encoding``, such as the map's GeoJSON), all others pass untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipResponder, IdentityResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_SIZE = 500
COMPRESS_LEVEL = 6  # zlib's default: 1.3 ms for a territory page, 1 % larger than level 9


def endpoints_of(routers: Iterable[APIRouter]) -> frozenset[Callable[..., Any]]:
    """The functions that answer the routes of ``routers``."""
    return frozenset(
        route.endpoint
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
    )


class PortalCompression:
    """ASGI middleware compressing what ``endpoints`` answer for clients that accept gzip.

    Uncompressed answers of those endpoints still say ``Vary: Accept-Encoding``, so that a
    shared cache never hands the gzipped page to a client that did not ask for it.
    """

    def __init__(self, app: ASGIApp, endpoints: frozenset[Callable[..., Any]]) -> None:
        self.app = app
        self.endpoints = endpoints

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        responder: IdentityResponder
        if "gzip" in Headers(scope=scope).get("accept-encoding", ""):
            responder = GZipResponder(self.app, MINIMUM_SIZE, compresslevel=COMPRESS_LEVEL)
        else:
            responder = IdentityResponder(self.app, MINIMUM_SIZE)
        responder.send = send
        portal: bool | None = None

        async def choose(message: Message) -> None:
            nonlocal portal
            if portal is None:  # the response starts: routing has set the endpoint by now
                portal = scope.get("endpoint") in self.endpoints
            await (responder.send_with_compression if portal else send)(message)

        await self.app(scope, receive, choose)
