"""The bundled packs: one folder each beside this module, loaded once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from territoria.errors import NotFoundError

if TYPE_CHECKING:  # whole packs load their indicators (sqlglot, the spec rules) on first use
    from territoria.packs.pack import DatasetRole, Pack

PACKS_DIR = Path(__file__).resolve().parent


class UnknownPackError(NotFoundError):
    """A pack id that names no bundled pack (exit 2, HTTP 404)."""

    code = "unknown-pack"


def _folders() -> list[Path]:
    return sorted(p.parent for p in PACKS_DIR.glob("*/pack.yaml"))


@functools.cache
def _packs() -> dict[str, Pack]:
    from territoria.packs.loader import load_pack

    packs = (load_pack(folder) for folder in _folders())
    return {pack.id: pack for pack in packs}


@functools.cache
def _slugs() -> dict[str, str]:
    """Dataset slug → pack id, from the manifests alone: every ingest asks whether its slug is
    a pack's, and most are not (loading whole packs, indicators and all, is ~100× slower)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    slugs: dict[str, str] = {}
    for folder in _folders():  # bundled manifests, checked whole by load_pack and the tests
        manifest = yaml.load((folder / "pack.yaml").read_text(encoding="utf-8"), Loader=loader)
        for role, spec in (manifest.get("datasets") or {}).items():
            slugs[spec.get("slug") or f"{manifest['id']}-{role}"] = str(manifest["id"])
    return slugs


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


def pack_of_slug(slug: str) -> str | None:
    """The id of the pack one of whose datasets is ``slug``, or None (manifests only)."""
    return _slugs().get(slug)


def role_for_slug(slug: str) -> DatasetRole | None:
    """The pack dataset role whose slug is ``slug`` (any bundled pack), or None."""
    pack_id = _slugs().get(slug)
    return None if pack_id is None else get_pack(pack_id).role_of_slug(slug)
