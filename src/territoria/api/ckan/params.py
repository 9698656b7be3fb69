"""An action's parameters as CKAN reads them: GET query or POST JSON, checked by its rules.

CKAN takes a JSON object in a POST body (ckanapi's way), a form, or the query string of a
GET (a repeated key is a list); structured values (``filters``, ``facet.field``) come as
JSON text in a query string. Checks answer CKAN's own messages (``Must be a natural
number``, ``Invalid integer``) in a 409 ``Validation Error``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from territoria.api.ckan.envelope import invalid
from territoria.errors import UserError


class BadRequestDataError(UserError):
    """A body that is not a JSON object (CKAN's 400 ``Bad request - JSON Error``)."""

    code = "bad-request-data"
    http_status = 400


async def request_data(request: Request) -> dict[str, Any]:
    """The parameters of one action call."""
    if request.method == "POST":
        raw = await request.body()
        if raw.strip():
            kind = request.headers.get("content-type", "")
            if "form" in kind:
                form = await request.form()
                return {k: v if isinstance(v, str) else "" for k, v in form.multi_items()}
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                raise BadRequestDataError(
                    "Corps de requête illisible : un objet JSON est attendu.",
                    "Bad request - JSON Error: the body must be a JSON object.",
                )
            return data
    out: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():
        if key in out:
            previous = out[key]
            out[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[key] = value
    return out


def natural(params: dict[str, Any], name: str, default: int, maximum: int | None = None) -> int:
    """A natural number (0 included), ``default`` when absent, capped at ``maximum`` as
    CKAN's ``limit_to_configured_maximum`` caps it (no error past it)."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
        if isinstance(raw, float) and raw != value:
            raise ValueError(raw)
    except (TypeError, ValueError):
        raise invalid(name, "Invalid integer", "entier invalide") from None
    if value < 0:
        raise invalid(name, "Must be a natural number", "entier positif ou nul attendu")
    return min(value, maximum) if maximum is not None else value


def boolean(params: dict[str, Any], name: str, default: bool = False) -> bool:
    """CKAN's ``boolean_validator``: true/yes/on/1 (any case) or a JSON boolean."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() in ("true", "yes", "t", "y", "1", "on")


def text(params: dict[str, Any], name: str) -> str | None:
    """A string parameter (None when absent)."""
    raw = params.get(name)
    if raw is None:
        return None
    if not isinstance(raw, str | int | float):
        raise invalid(name, "Must be a string", "texte attendu")
    return str(raw)


def structured(params: dict[str, Any], name: str) -> Any:
    """A JSON value, given as such in a POST body or as JSON text in a query string."""
    raw = params.get(name)
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.loads(stripped)
            except ValueError:
                raise invalid(name, "Cannot parse JSON", "JSON illisible") from None
    return raw


def names(params: dict[str, Any], name: str) -> list[str] | None:
    """A list of names: a JSON list, repeated keys or comma-separated text (``fields``)."""
    raw = structured(params, name)
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
        return list(raw)
    raise invalid(name, "Must be a list of strings", "liste de noms attendue")
