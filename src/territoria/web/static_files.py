"""The portal's assets: vendored libraries and our CSS/JS, compressed and cached for a year."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).parent / "static"
STATIC_PREFIX = "/static"
YEAR = 365 * 24 * 3600


class _CachedStaticFiles(StaticFiles):
    """Static files with a year of caching: every URL carries its content's hash (``?v=``)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response


def mount_static(app: FastAPI) -> None:
    """Serve ``static/`` under ``/static``, gzip-compressed for clients that accept it."""
    files = _CachedStaticFiles(directory=STATIC_DIR)
    app.mount(STATIC_PREFIX, GZipMiddleware(files, minimum_size=500), name="static")


@cache
def _digest(relative: str) -> str:
    return hashlib.sha256((STATIC_DIR / relative).read_bytes()).hexdigest()[:10]


def static_url(relative: str) -> str:
    """The URL of ``static/<relative>`` with its content hash, so a new release is refetched."""
    return f"{STATIC_PREFIX}/{relative}?v={_digest(relative)}"
