"""The bundled packs: one folder each beside this module, loaded once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from territoria.errors import NotFoundError
from territoria.packs.loader import load_pack
from territoria.packs.pack import DatasetRole, Pack

PACKS_DIR = Path(__file__).resolve().parent


class UnknownPackError(NotFoundError):
    """A pack id that names no bundled pack (exit 2, HTTP 404)."""

    code = "unknown-pack"


@functools.cache
def _packs() -> dict[str, Pack]:
    folders = sorted(p.parent for p in PACKS_DIR.glob("*/pack.yaml"))
    packs = (load_pack(folder) for folder in folders)
    return {pack.id: pack for pack in packs}


def list_packs() -> list[Pack]:
    """Every bundled pack, by id."""
    return list(_packs().values())


def get_pack(pack_id: str) -> Pack:
    """The pack ``pack_id``; a bilingual 404 naming the known ones otherwise."""
    pack = _packs().get(pack_id)
    if pack is None:
        known = ", ".join(_packs())
        raise UnknownPackError(
            f"pack inconnu : « {pack_id} » (packs : {known})",
            f"unknown pack: '{pack_id}' (packs: {known})",
            hint_fr="listez-les avec « territoria packs list »",
            hint_en="list them with 'territoria packs list'",
            details={"pack": pack_id, "known": list(_packs())},
        )
    return pack


def role_for_slug(slug: str) -> DatasetRole | None:
    """The pack dataset role whose slug is ``slug`` (any bundled pack), or None."""
    for pack in _packs().values():
        role = pack.role_of_slug(slug)
        if role is not None:
            return role
    return None
