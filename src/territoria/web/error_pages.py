"""The portal's error pages (400, 404, 413, 500 with its incident id), never a stack trace."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from territoria.web.templating import render

API_PREFIXES = ("/api", "/catalog", "/healthz", "/docs", "/redoc", "/openapi", "/static")


def is_portal_page(path: str) -> bool:
    """A path the portal answers as HTML: not an API, not an asset, not a ``.json`` twin."""
    return not path.startswith(API_PREFIXES) and not path.endswith(".json")


def error_page(
    request: Request, status: int, message_fr: str, message_en: str, incident: str | None
) -> Response | None:
    """The error as a page of the portal, or None for the APIs' paths (they answer JSON)."""
    if not is_portal_page(request.url.path):
        return None
    context = {
        "status": status,
        "message_fr": message_fr,
        "message_en": message_en,
        "incident": incident,
    }
    return render(request, "error.html", context, status_code=status)
