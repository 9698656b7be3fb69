"""The fields a query may name: Opendatasoft-style identifiers over a version's columns.

A stored column keeps its label as the file had it (``N° Voie Pair``, ``Geo Point 2d``);
queries, JSON records and exports name it as Opendatasoft does, lower-case ASCII with
underscores (``n_voie_pair``, ``geo_point_2d``), unique within the dataset. The field's type
is the Opendatasoft one, from the stored (typed) column refined by the Table Schema:
``geopoint`` text becomes ``geo_point_2d``, ``geojson`` text ``geo_shape``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from territoria.schemas.geocolumns import POINT_LABELS, POINT_ORDER

ODS_TYPES = (
    "text",
    "int",
    "double",
    "date",
    "datetime",
    "boolean",
    "geo_point_2d",
    "geo_shape",
    "json",
)

_NOT_IDENTIFIER = re.compile(r"[^a-z0-9]+")


def ods_identifier(label: str) -> str:
    """``N° Voie Pair`` → ``n_voie_pair``: accents dropped, lower case, runs of other
    characters as one ``_``; a name starting with a digit gets a ``f_`` prefix; ``field``
    when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    name = _NOT_IDENTIFIER.sub("_", ascii_text.lower()).strip("_") or "field"
    return f"f_{name}" if name[0].isdigit() else name


@dataclass(frozen=True)
class QueryField:
    """One field of a dataset as queries and APIs see it.

    ``name`` is the identifier ODSQL uses, ``column`` the stored column it reads, ``label``
    the human name, ``type`` the Opendatasoft type; ``latlon`` tells the axis order of a
    ``geo_point_2d`` stored as text (Opendatasoft's ``lat, lon`` versus Table Schema's
    default ``lon, lat``).
    """

    name: str
    column: str
    label: str
    type: str
    description: str | None = None
    unit: str | None = None
    latlon: bool = False

    def to_ods(self) -> dict[str, Any]:
        """The field as Opendatasoft's ``fields`` list shows it."""
        annotations: dict[str, Any] = {}
        if self.unit:
            annotations["unit"] = self.unit
        return {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "description": self.description,
            "annotations": annotations,
        }


def _arrow_ods_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return "double"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_timestamp(arrow_type):
        return "datetime"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "text"
    return "json"  # lists, structs, times, durations: shown as JSON values


def _point_is_latlon(label: str, descriptor: dict[str, Any]) -> bool:
    if descriptor.get("description") == POINT_ORDER:
        return True
    return ods_identifier(label).replace("_", "") in {p.replace("_", "") for p in POINT_LABELS}


def fields_for(arrow_schema: pa.Schema, schema_json: dict[str, Any] | None) -> list[QueryField]:
    """The query fields of a stored version, in column order, names made unique (``_2``…)."""
    descriptors = {
        str(f.get("name")): f for f in (schema_json or {}).get("fields", []) if isinstance(f, dict)
    }
    taken: set[str] = set()
    fields: list[QueryField] = []
    for column in arrow_schema:
        descriptor = descriptors.get(column.name, {})
        kind = _arrow_ods_type(column.type)
        schema_type = descriptor.get("type")
        latlon = False
        if kind == "text" and schema_type == "geopoint":
            kind, latlon = "geo_point_2d", _point_is_latlon(column.name, descriptor)
        elif kind == "text" and schema_type == "geojson":
            kind = "geo_shape"
        base = ods_identifier(column.name)
        name, suffix = base, 2
        while name in taken:
            name, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(name)
        fields.append(
            QueryField(
                name=name,
                column=column.name,
                label=str(descriptor.get("title") or column.name),
                type=kind,
                description=descriptor.get("description"),
                unit=descriptor.get("unit") or descriptor.get("x-unit"),
                latlon=latlon,
            )
        )
    return fields


def field_named(fields: Sequence[QueryField], name: str) -> QueryField | None:
    """The field called ``name`` (its ODS identifier), or None."""
    for field in fields:
        if field.name == name:
            return field
    return None
