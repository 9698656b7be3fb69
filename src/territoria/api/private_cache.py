"""Caches never keep or share what a signed-in reader was shown.

A read may answer differently with the administrator's token (header, ``apikey`` or the
portal's sign-in cookie): a private dataset is 200 for them and 404 for everyone else. So
every API answer says it varies with ``Authorization`` and ``Cookie``, and an answer to a
request that presented credentials is ``Cache-Control: private, no-store`` — a shared cache
(a reverse proxy, a browser's disk) must not serve it to anyone else or keep it.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from territoria.security.actor import TOKEN_COOKIE

API_PREFIX = "/api/"
VARY = ("Authorization", "Cookie")


def _credentials(scope: Scope) -> bool:
    """Whether the request presents a token: header, ``apikey`` or the sign-in cookie."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return True
        if name == b"cookie" and f"{TOKEN_COOKIE}=".encode() in value:
            return True
    return b"apikey=" in scope.get("query_string", b"")


class PrivateAnswers:
    """ASGI middleware adding ``Vary`` to the APIs' answers, and ``private, no-store`` to
    those given to a request with credentials (the portal's pages set their own headers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        private = _credentials(scope)

        async def send_marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name in VARY:
                    headers.add_vary_header(name)
                if private:
                    headers["Cache-Control"] = "private, no-store"
            await send(message)

        await self.app(scope, receive, send_marked)
