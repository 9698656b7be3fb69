"""Checks of metadata values by kind — text, list, date, vocabulary term, publisher — each
returning the value to store or raising a bilingual error naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from territoria.catalog.identifiers import check_siren, check_territory, invalid
from territoria.catalog.models import VISIBILITIES


@dataclass(frozen=True)
class PublisherChange:
    """The publisher to attach: an organisation by code, with what is known of it."""

    code: str
    name: str | None = None
    siren: str | None = None
    territory: str | None = None


def text(field: str, value: Any, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(field, value, "un texte non vide", "a non-empty text")
        return None
    if not isinstance(value, str):
        raise invalid(field, value, "un texte", "a text")
    return value.strip()


def text_list(field: str, value: Any) -> list[str]:
    """A list of texts; one text holding commas is a list too (``eau, potable``)."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise invalid(field, value, "une liste de textes", "a list of texts")
    seen: dict[str, None] = {}
    for item in items:
        if item.strip():
            seen.setdefault(item.strip(), None)
    return list(seen)


def date(field: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise invalid(field, value, "une date AAAA-MM-JJ", "a YYYY-MM-DD date") from None


def term_id(field: str, value: Any, resolve: Callable[[str], Any]) -> str | None:
    shown = text(field, value)
    return None if shown is None else str(resolve(shown).id)


def publisher(field: str, value: Any) -> PublisherChange | None:
    """A code (``217500016``, ``commune:75056``) or a mapping {code, name, siren, territory}."""
    if value is None:
        return None
    spec = {"code": value} if isinstance(value, str) else value
    if not isinstance(spec, Mapping) or set(spec) - {"code", "name", "siren", "territory"}:
        raise invalid(
            field,
            value,
            "un code ou {code, name, siren, territory}",
            "a code or {code, name, siren, territory}",
        )
    code = text(f"{field}.code", spec.get("code"), required=True) or ""
    siren = spec.get("siren")
    territory = spec.get("territory")
    if code.isdigit():
        siren = check_siren(code, f"{field}.code") if siren is None else siren
    elif ":" in code:
        territory = check_territory(code, f"{field}.code") if territory is None else territory
    return PublisherChange(
        code=code,
        name=text(f"{field}.name", spec.get("name")),
        siren=None if siren is None else check_siren(str(siren), f"{field}.siren"),
        territory=None if territory is None else check_territory(territory, f"{field}.territory"),
    )


def visibility(field: str, value: Any) -> str:
    if value not in VISIBILITIES:
        raise invalid(field, value, " ou ".join(VISIBILITIES), " or ".join(VISIBILITIES))
    return str(value)


def language(field: str, value: Any) -> str:
    code = (text(field, value) or "fr").lower()
    if not (len(code) == 2 and code.isalpha()):
        raise invalid(
            field,
            value,
            "un code de langue ISO 639-1 (fr, en…)",
            "an ISO 639-1 language code (fr, en…)",
        )
    return code


def optional(check: Callable[[str, str], str]) -> Callable[[str, Any], str | None]:
    def checked(field: str, value: Any) -> str | None:
        shown = text(field, value)
        return None if shown is None else check(shown, field)

    return checked
