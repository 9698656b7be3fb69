"""Packs of the native API: the bundled packs in short, and one pack in full (datasets to
fill with their publication variants, indicators, dashboard, method documentation)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from territoria.services.packs import list_packs_info, show_pack

router = APIRouter(tags=["packs"])


@router.get("/packs", operation_id="v1_list_packs")
def list_() -> list[dict[str, Any]]:
    """Les packs fournis / the bundled packs."""
    return list_packs_info()


@router.get("/packs/{pack_id}", operation_id="v1_get_pack")
def get_pack(pack_id: str) -> dict[str, Any]:
    """Un pack : jeux à remplir, indicateurs, tableau de bord, méthode / one pack in full."""
    return show_pack(pack_id)
