"""Resolve the messy territory references of real files (codes, names, postal codes, SIREN).

Every value gets a :class:`Resolution` — resolved or not, with its row — so a caller reports
what did not resolve instead of dropping it. Values repeat a lot in a column (a département
code on every row), so each distinct (value, département, name) is resolved once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from territoria.errors import UserError
from territoria.geo.geography import Geography, geography
from territoria.geo.lookup import Lookup, lookup_for

KINDS = ("commune", "departement", "postal-code", "siren", "name", "id")
STATUSES = ("exact", "old-code", "normalised", "by-name", "old-name", "ambiguous", "unknown")


@dataclass(frozen=True)
class Resolution:
    """What one cell of a column resolved to; ``status`` is one of :data:`STATUSES`."""

    row: int
    input: str | None
    territory_id: str | None
    status: str
    candidates: tuple[str, ...] = ()


Found = tuple[str | None, str, tuple[str, ...]]


def _per_row(value: str | Sequence[str | None] | None, size: int) -> Sequence[str | None]:
    if value is None or isinstance(value, str):
        return [value] * size
    if len(value) != size:
        raise UserError(
            f"{len(value)} valeurs de contexte pour {size} références",
            f"{len(value)} context values for {size} references",
        )
    return value


def resolve_column(
    values: Sequence[object],
    *,
    kind: str,
    departement: str | Sequence[str | None] | None = None,
    names: Sequence[str | None] | None = None,
    geo: Geography | None = None,
) -> list[Resolution]:
    """One :class:`Resolution` per value, in order. ``departement`` (one code or one per row)
    narrows names and is itself resolved leniently (``1`` → ``01``); ``names`` (one per row)
    picks a commune among those of an ambiguous postal code."""
    if kind not in KINDS:
        raise UserError(
            f"type de référence « {kind} » inconnu (types : {', '.join(KINDS)})",
            f"unknown reference kind '{kind}' (kinds: {', '.join(KINDS)})",
        )
    index = lookup_for(geo or geography())
    deps = _per_row(departement, len(values))
    row_names = _per_row(names, len(values))
    seen: dict[tuple[str | None, str | None, str | None], Found] = {}
    results = []
    for row, (value, dep, name) in enumerate(zip(values, deps, row_names, strict=True)):
        text = _as_text(value)
        key = (text, dep, name)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _resolve_one(index, kind, text, dep, name)
        results.append(Resolution(row, text, *found))
    return results


def _as_text(value: object) -> str | None:
    """A cell as text; a spreadsheet's number ``1004.0`` is the code ``1004``."""
    if value is None:
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    return str(value).strip()


def _resolve_one(
    index: Lookup, kind: str, text: str | None, dep: str | None, name: str | None
) -> Found:
    if not text:
        return None, "unknown", ()
    dep_code = index.departement_code(dep) if dep else None
    if kind == "commune":
        return index.commune(text)
    if kind == "departement":
        return index.departement(text)
    if kind == "postal-code":
        return index.postal_code(text, name, dep_code)
    if kind == "id":
        return index.territory_id(text)
    if kind == "siren":
        return index.siren(text)
    return index.name(text, dep_code)
