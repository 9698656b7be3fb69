"""The strict checks of one field descriptor: type, format and typed properties."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from territoria.schemas.problems import fail
from territoria.schemas.types import DATE_LIKE_TYPES, TYPE_MODULES, TYPE_NAMES
from territoria.schemas.types.list import ITEM_TYPES

# descriptor key -> (attribute, expected Python type, type name for messages)
_TYPED: dict[str, tuple[str, type, str]] = {
    "title": ("title", str, "texte/string"),
    "description": ("description", str, "texte/string"),
    "decimalChar": ("decimal_char", str, "texte/string"),
    "groupChar": ("group_char", str, "texte/string"),
    "bareNumber": ("bare_number", bool, "booléen/boolean"),
    "delimiter": ("delimiter", str, "texte/string"),
    "arrayItem": ("array_item", dict, "objet/object"),
}


def _check_format(kind: str, form: str, name: str, source: str | None) -> None:
    allowed = TYPE_MODULES[kind].FORMATS
    if allowed is not None and form not in allowed:
        fail(
            source,
            f"champ « {name} » : format « {form} » inconnu pour le type {kind}",
            f"field “{name}”: unknown format “{form}” for type {kind}",
            f"formats possibles : {', '.join(allowed)}",
            f"allowed formats: {', '.join(allowed)}",
        )
    if kind in DATE_LIKE_TYPES and form not in ("default", "any"):
        problem = "" if "%" in form else "no % directive"
        try:
            datetime.strptime("", form)
        except ValueError as error:
            problem = problem or (str(error) if "directive" in str(error) else "")
        if problem:
            fail(
                source,
                f"champ « {name} » : format de date « {form} » invalide ({problem})",
                f"field “{name}”: invalid date format “{form}” ({problem})",
                "utilisez un motif strftime, ex. %d/%m/%Y",
                "use a strftime pattern, e.g. %d/%m/%Y",
            )


def check_field_properties(
    descriptor: dict[str, Any], name: str, source: str | None
) -> dict[str, Any]:
    """The typed properties of a field descriptor, as :class:`Field` keyword arguments."""
    kind = descriptor.get("type", "string")
    if kind not in TYPE_MODULES:
        fail(
            source,
            f"champ « {name} » : type inconnu {kind!r}",
            f"field “{name}”: unknown type {kind!r}",
            f"types possibles : {', '.join(TYPE_NAMES)}",
            f"known types: {', '.join(TYPE_NAMES)}",
        )
    form = descriptor.get("format", "default")
    if not isinstance(form, str):
        fail(
            source,
            f"champ « {name} » : « format » doit être un texte",
            f"field “{name}”: “format” must be a string",
        )
    form = form.removeprefix("fmt:")
    _check_format(kind, form, name, source)
    out: dict[str, Any] = {"type": kind, "format": form, "example": descriptor.get("example")}
    for key, (attribute, expected, label) in _TYPED.items():
        if key in descriptor:
            value = descriptor[key]
            if not isinstance(value, expected):
                fail(
                    source,
                    f"champ « {name} » : « {key} » doit être de type {label}",
                    f"field “{name}”: “{key}” must be of type {label}",
                )
            out[attribute] = value
    for key, attribute in (("trueValues", "true_values"), ("falseValues", "false_values")):
        if key in descriptor:
            values = descriptor[key]
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                fail(
                    source,
                    f"champ « {name} » : « {key} » doit être une liste de textes",
                    f"field “{name}”: “{key}” must be a list of strings",
                    'ex. ["oui"]',
                    'e.g. ["yes"]',
                )
            out[attribute] = tuple(values)
    item_type = descriptor.get("itemType", "string")
    if item_type not in ITEM_TYPES:
        fail(
            source,
            f"champ « {name} » : « itemType » {item_type!r} non permis",
            f"field “{name}”: “itemType” {item_type!r} is not allowed",
            f"types possibles : {', '.join(ITEM_TYPES)}",
            f"allowed: {', '.join(ITEM_TYPES)}",
        )
    out["item_type"] = item_type
    if "array_item" in out:
        from territoria.schemas.descriptor import field_from_dict

        field_from_dict({"name": name, **out["array_item"]}, index=0, source=source)
    return out
