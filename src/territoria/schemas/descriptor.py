"""Builds the model from a descriptor: strict on what validation needs, lenient on metadata."""

from __future__ import annotations

from typing import Any

from territoria.schemas.constraint_checks import check_constraints
from territoria.schemas.field_checks import check_field_properties
from territoria.schemas.model import FIELDS_MATCH, Constraints, Field, Schema
from territoria.schemas.problems import fail

_STRUCTURE = ("fields", "missingValues", "primaryKey", "uniqueKeys", "foreignKeys", "fieldsMatch")


def missing_values_from(value: Any, source: str | None, where: str) -> tuple[str, ...]:
    """``missingValues``: strings or v2 ``{"value", "label"}`` objects, as a tuple of strings."""
    if not isinstance(value, list):
        fail(
            source,
            f"{where} : « missingValues » doit être une liste",
            f"{where}: “missingValues” must be a list",
            'ex. ["", "NC"]',
            'e.g. ["", "NC"]',
        )
    out: list[str] = []
    for entry in value:
        if isinstance(entry, dict) and isinstance(entry.get("value"), str):
            out.append(entry["value"])
        elif isinstance(entry, str):
            out.append(entry)
        else:
            fail(
                source,
                f"{where} : valeur manquante invalide {entry!r}",
                f"{where}: invalid missing value {entry!r}",
                "chaque valeur est un texte",
                "each value is a string",
            )
    return tuple(out)


def field_from_dict(descriptor: Any, *, index: int, source: str | None) -> Field:
    """One checked :class:`Field` from its descriptor (``index`` is 0-based, for messages)."""
    if not isinstance(descriptor, dict):
        fail(
            source,
            f"le champ n° {index + 1} n'est pas un objet JSON",
            f"field #{index + 1} is not a JSON object",
            'chaque champ s\'écrit {"name": …, "type": …}',
            'each field is written {"name": …, "type": …}',
        )
    name = descriptor.get("name")
    if not isinstance(name, str) or not name:
        fail(
            source,
            f"le champ n° {index + 1} n'a pas de nom (« name »)",
            f"field #{index + 1} has no “name”",
            "ajoutez-lui un « name »",
            "give it a “name”",
        )
    properties = check_field_properties(descriptor, name, source)
    raw_constraints = descriptor.get("constraints", {})
    check_constraints(raw_constraints, properties, name, source)
    missing = descriptor.get("missingValues")
    if missing is not None:
        properties["missing_values"] = missing_values_from(missing, source, f"champ/field {name}")
    constraints = Constraints.from_dict(raw_constraints)
    return Field(name=name, constraints=constraints, raw=dict(descriptor), **properties)


def _key(value: Any, names: set[str], what: str, source: str | None) -> tuple[str, ...]:
    """A key (primary or unique): a field name or a list of them, each naming a field."""
    key = [value] if isinstance(value, str) else value
    if not isinstance(key, list) or not all(isinstance(item, str) for item in key):
        fail(
            source,
            f"« {what} » doit être un nom de champ ou une liste de noms",
            f"“{what}” must be a field name or a list of names",
            'ex. ["id"]',
            'e.g. ["id"]',
        )
    for item in key:
        if item not in names:
            fail(
                source,
                f"« {what} » nomme le champ inconnu « {item} »",
                f"“{what}” names the unknown field “{item}”",
                "nommez un champ déclaré dans « fields »",
                "name a field declared in “fields”",
            )
    return tuple(key)


def schema_from_dict(descriptor: Any, *, source: str | None = None) -> Schema:
    """A checked :class:`Schema`; every problem is a :class:`SchemaError` naming ``source``."""
    if not isinstance(descriptor, dict):
        fail(
            source,
            "le schéma n'est pas un objet JSON",
            "the schema is not a JSON object",
            'un schéma s\'écrit {"fields": [...]}',
            'a schema is written {"fields": [...]}',
        )
    raw_fields = descriptor.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        fail(
            source,
            "« fields » doit être une liste non vide de champs",
            "“fields” must be a non-empty list of fields",
            "est-ce bien un Table Schema (et non un JSON Schema) ?",
            "is this really a Table Schema (not a JSON Schema)?",
        )
    fields = tuple(
        field_from_dict(item, index=i, source=source) for i, item in enumerate(raw_fields)
    )
    names: set[str] = set()
    for item in fields:
        if item.name in names:
            fail(
                source,
                f"le champ « {item.name} » est déclaré deux fois",
                f"field “{item.name}” is declared twice",
                "renommez ou supprimez le doublon",
                "rename or remove the duplicate",
            )
        names.add(item.name)
    missing = descriptor.get("missingValues", [""])
    unique_keys = descriptor.get("uniqueKeys", [])
    if not isinstance(unique_keys, list):
        fail(
            source,
            "« uniqueKeys » doit être une liste de clés",
            "“uniqueKeys” must be a list",
            'ex. [["code", "annee"]]',
            'e.g. [["code", "year"]]',
        )
    foreign_keys = descriptor.get("foreignKeys", [])
    if not isinstance(foreign_keys, list) or not all(isinstance(k, dict) for k in foreign_keys):
        fail(
            source,
            "« foreignKeys » doit être une liste d'objets",
            "“foreignKeys” must be a list of objects",
            "voir la spécification Table Schema",
            "see the Table Schema specification",
        )
    fields_match = descriptor.get("fieldsMatch", "exact")
    if fields_match not in FIELDS_MATCH:
        fail(
            source,
            f"« fieldsMatch » inconnu : {fields_match!r}",
            f"unknown “fieldsMatch”: {fields_match!r}",
            f"valeurs possibles : {', '.join(FIELDS_MATCH)}",
            f"one of: {', '.join(FIELDS_MATCH)}",
        )
    return Schema(
        fields=fields,
        missing_values=missing_values_from(missing, source, "schéma/schema"),
        primary_key=_key(descriptor.get("primaryKey", []), names, "primaryKey", source),
        unique_keys=tuple(_key(key, names, "uniqueKeys", source) for key in unique_keys),
        foreign_keys=tuple(foreign_keys),
        fields_match=fields_match,
        metadata={k: v for k, v in descriptor.items() if k not in _STRUCTURE},
        raw=dict(descriptor),
    )
