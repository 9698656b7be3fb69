"""Every error the HTTP layer answers, dressed once per API from the exception's attributes.

One handler reads ``code`` and ``http_status`` from the error (no table of cases per route);
each API registers the function that shapes the body as its clients expect (Opendatasoft's
``{"error_code", "message"}``, CKAN's envelope, the native ``to_dict()``), chosen by the
path's prefix. A bug is logged with an incident id shown to the caller, never a traceback.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from territoria.errors import UserError

log = logging.getLogger("territoria.api")

ErrorShaper = Callable[[UserError], dict[str, Any]]
"""Turns a user error into the JSON body one API's clients expect."""

_SHAPES: list[tuple[str, ErrorShaper]] = []

PageResponder = Callable[[Request, int, str, str, "str | None"], Response | None]
"""Answers an error as a page (the portal's HTML) for the paths it owns, else None:
``(request, status, message_fr, message_en, incident id)``."""

PAGES_STATE = "territoria_error_pages"
"""Where an application keeps its page responders: each app its own, so an API-only app
(tests, other compositions) never answers with the pages of a portal built beside it."""


def register_error_page(app: FastAPI, responder: PageResponder) -> None:
    """Let ``responder`` answer ``app``'s errors on the paths it owns (the portal's pages)."""
    responders: list[PageResponder] = getattr(app.state, PAGES_STATE, [])
    setattr(app.state, PAGES_STATE, [*responders, responder])


def _page(request: Request, status: int, fr: str, en: str, incident: str | None) -> Response | None:
    app = request.scope.get("app")
    responders: list[PageResponder] = getattr(app.state, PAGES_STATE, []) if app else []
    for responder in responders:
        page = responder(request, status, fr, en, incident)
        if page is not None:
            return page
    return None


def native_error_body(error: UserError) -> dict[str, Any]:
    """The native API's body: ``error_code``, ``message`` (English), ``message_fr``, details."""
    return error.to_dict()


def register_error_shape(prefix: str, shaper: ErrorShaper) -> None:
    """Dress the errors of paths starting with ``prefix`` with ``shaper`` (longest prefix wins)."""
    _SHAPES.append((prefix, shaper))
    _SHAPES.sort(key=lambda item: len(item[0]), reverse=True)


def shaper_for(path: str) -> ErrorShaper:
    """The error shape of the API that owns ``path``."""
    for prefix, shaper in _SHAPES:
        if path.startswith(prefix):
            return shaper
    return native_error_body


def error_response(request: Request, error: UserError) -> Response:
    """The response for a user error: its status, the body of the API the path belongs to
    (or the portal's error page for the portal's own paths)."""
    page = _page(request, error.http_status, error.message_fr, error.message_en, None)
    if page is not None:
        return page
    return JSONResponse(shaper_for(request.url.path)(error), status_code=error.http_status)


class InvalidParameterError(UserError):
    """A query parameter of the wrong type or out of its range."""

    code = "invalid-parameter"
    http_status = 400


class RouteNotFoundError(UserError):
    """A path no API serves, or a method it does not take."""

    code = "not-found"
    http_status = 404


class MethodNotAllowedError(UserError):
    """A method the path does not take (``DELETE`` on a listing…)."""

    code = "method-not-allowed"
    http_status = 405


def _routing_error(request: Request, error: StarletteHTTPException) -> UserError:
    """Starlette's own refusals (no route, wrong method, …) as our user errors."""
    path = request.url.path
    if error.status_code == 404:
        return RouteNotFoundError(f"Ressource introuvable : {path}", f"Not found: {path}")
    if error.status_code == 405:
        return MethodNotAllowedError(
            f"Méthode {request.method} non acceptée sur {path}",
            f"Method {request.method} not allowed on {path}",
        )
    wrapped = UserError(
        f"Requête refusée ({error.status_code}) : {error.detail}",
        f"Request refused ({error.status_code}): {error.detail}",
    )
    wrapped.http_status = error.status_code
    return wrapped


def _parameter_error(error: RequestValidationError) -> InvalidParameterError:
    problems = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()) if part != "query")
        problems.append(f"{where}: {problem.get('msg')}")
    listed = "; ".join(problems)
    return InvalidParameterError(
        f"Paramètre invalide : {listed}",
        f"Invalid parameter: {listed}",
        details={"problems": problems},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer user errors with their status, parameter errors with 400, bugs with 500 + id."""

    @app.exception_handler(UserError)
    async def user_error(request: Request, error: UserError) -> Response:
        return error_response(request, error)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, error: RequestValidationError) -> Response:
        return error_response(request, _parameter_error(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(request, _routing_error(request, error))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        incident = uuid.uuid4().hex[:12]
        log.exception("incident %s on %s %s", incident, request.method, request.url.path)
        fr = f"Erreur interne ; identifiant d'incident {incident}."
        en = f"Internal error; incident id {incident}."
        page = _page(request, 500, fr, en, incident)
        if page is not None:
            return page
        body = {
            "error_code": "internal-error",
            "message": f"Internal error; incident id {incident}.",
            "message_fr": f"Erreur interne ; identifiant d'incident {incident}.",
            "incident": incident,
        }
        return JSONResponse(body, status_code=500)
