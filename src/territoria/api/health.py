"""Liveness: ``/healthz`` answers as long as the process serves and its catalogue answers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from territoria import __version__
from territoria.api.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="healthz")
def healthz(session: SessionDep) -> dict[str, Any]:
    """``{"status": "ok", "version": …}`` once the metadata database answers a query."""
    session.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}
