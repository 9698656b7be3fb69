"""Pydantic validation errors said in French and English, naming the key at fault."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_TAGS = {"column", "expr", "count", "indicator", "population"}


def _path(loc: Sequence[str | int]) -> str:
    """``numerator.filters[0].op`` from a pydantic loc (union tags dropped)."""
    text = ""
    parts = list(loc)
    for index, part in enumerate(parts):
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in _TAGS and index + 1 < len(parts) and index > 0:
            continue  # the discriminator's tag, not a key of the file
        else:
            text += f".{part}" if text else str(part)
    return text


CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "literal_error": "invalid-value",
    "measure_kind": "invalid-measure",
}


def code(item: Any) -> str:
    """A stable kebab-case issue code for a pydantic error item."""
    kind = str(item.get("type", ""))
    if kind in CODES:
        return CODES[kind]
    return "invalid-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"


def translate(item: Any) -> tuple[str, str]:
    """(French, English) message for one ``ValidationError.errors()`` item."""
    loc = tuple(item.get("loc", ()))
    where = _path(loc)
    kind = item.get("type", "")
    value = item.get("input")
    english = str(item.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        if len(loc) <= 1:
            return (f"champ inconnu « {key} »", f"unknown field '{key}'")
        parent = _path(loc[:-1])
        return (f"champ inconnu « {key} » (dans {parent})", f"unknown field '{key}' (in {parent})")
    if kind == "missing":
        return (f"champ obligatoire manquant : {where}", f"missing required field: {where}")
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return (
            f"valeur « {value} » invalide pour {where} : attendu {expected}",
            f"invalid value '{value}' for {where}: expected {expected}",
        )
    if kind == "measure_kind":
        return (
            f"{where} : attendu une des clés column, expr, count, indicator (ou population "
            "pour un dénominateur)",
            f"{where}: expected one of the keys column, expr, count, indicator (or population "
            "for a denominator)",
        )
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return (f"type invalide pour {where} : {english}", f"invalid type for {where}: {english}")
    return (f"valeur invalide pour {where} : {english}", f"invalid value for {where}: {english}")
