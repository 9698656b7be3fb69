"""Metadata changes checked field by field: from what a user wrote to catalogue column values.

One table (:data:`FIELDS`) names every editable key and the function that checks its value,
so the CLI (options or a YAML/JSON file) and the native API refuse bad input with the same
bilingual errors. Keys are accepted in camelCase (``contactEmail``, as the metadata dict
shows them) or snake_case (``contact_email``); ``None`` clears an optional field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from territoria.catalog import values as v
from territoria.catalog.identifiers import check_email, check_territory, check_url
from territoria.catalog.vocabularies.frequencies import FREQUENCIES
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES
from territoria.errors import UserError

PublisherChange = v.PublisherChange


class UnknownFieldError(UserError):
    """A metadata key that is not editable."""

    code = "unknown-metadata-field"


# editable key → (catalogue column, check); "publisher" is an organisation, not a column
FIELDS: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "title": ("title", lambda f, x: v.text(f, x, required=True)),
    "description": ("description", lambda f, x: v.text(f, x) or ""),
    "keywords": ("keywords", v.text_list),
    "themes": ("themes", lambda f, x: [THEMES.resolve(t).id for t in v.text_list(f, x)]),
    "license": ("license", lambda f, x: v.term_id(f, x, LICENCES.resolve)),
    "frequency": ("frequency", lambda f, x: v.term_id(f, x, FREQUENCIES.resolve)),
    "spatial": (
        "spatial_coverage",
        lambda f, x: [check_territory(t, f) for t in v.text_list(f, x)],
    ),
    "temporalStart": ("temporal_start", v.date),
    "temporalEnd": ("temporal_end", v.date),
    "contactName": ("contact_name", lambda f, x: v.text(f, x)),
    "contactEmail": ("contact_email", v.optional(check_email)),
    "landingPage": ("landing_page", v.optional(check_url)),
    "language": ("language", v.language),
    "visibility": ("visibility", v.visibility),
    "publisher": ("publisher", v.publisher),
}
ALIASES = {"licence": "license", "theme": "themes", "keyword": "keywords"}
_BY_KEY = {k.lower(): k for k in FIELDS} | ALIASES


def _flatten(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``temporal: {start, end}`` and ``contactPoint: {name, email}`` as their two keys."""
    flat: dict[str, Any] = {}
    for key, value in changes.items():
        nested = {"temporal": "temporal", "contactpoint": "contact"}.get(
            key.replace("_", "").lower()
        )
        if nested and isinstance(value, Mapping):
            for sub, item in value.items():
                flat[f"{nested}_{sub}"] = item
        else:
            flat[key] = value
    return flat


def canonical_key(key: str) -> str:
    """The :data:`FIELDS` key a user's ``key`` names; :class:`UnknownFieldError` otherwise."""
    found = _BY_KEY.get(str(key).replace("_", "").replace("-", "").lower())
    if found is None:
        known = ", ".join(FIELDS)
        raise UnknownFieldError(
            f"Champ de métadonnées inconnu : « {key} » ; champs modifiables : {known}.",
            f"Unknown metadata field: '{key}'; editable fields: {known}.",
            details={"field": str(key), "known": list(FIELDS)},
        )
    return found


def normalise_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Column → checked value for every change (``publisher`` → :class:`PublisherChange`)."""
    values: dict[str, Any] = {}
    for key, value in _flatten(changes).items():
        name = canonical_key(key)
        column, check = FIELDS[name]
        values[column] = check(name, value)
    return values
