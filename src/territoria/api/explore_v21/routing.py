"""Routes of the Explore API under one prefix, each answering with and without the final
``/`` (Opendatasoft's JS client asks ``catalog/datasets/``, portals' URLs omit it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request

from territoria.api.deps import SettingsDep

PREFIX = "/api/explore/v2.1"
F = TypeVar("F", bound=Callable[..., Any])


def ods_get(router: APIRouter, path: str, **options: Any) -> Callable[[F], F]:
    """Register ``GET PREFIX+path`` (documented) and ``GET path/`` (the same, not documented again)
    instead of a redirect: a redirect costs reusers' clients a round trip per call."""

    full = PREFIX + path

    def register(endpoint: F) -> F:
        router.add_api_route(full, endpoint, methods=["GET"], **options)
        twin = {k: v for k, v in options.items() if k not in ("operation_id", "responses")}
        router.add_api_route(full + "/", endpoint, methods=["GET"], include_in_schema=False, **twin)
        return endpoint

    return register


def api_base(request: Request, settings: SettingsDep) -> str:
    """``https://host/api/explore/v2.1``: from the public URL when configured (behind a
    proxy), else from the request."""
    root = settings.public_url or str(request.base_url)
    return root.rstrip("/") + PREFIX


def link(href: str, rel: str) -> dict[str, str]:
    """One of Opendatasoft's navigation links."""
    return {"href": href, "rel": rel}
