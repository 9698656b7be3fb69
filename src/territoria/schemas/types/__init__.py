"""One cell parser per Table Schema type, with the registry that dispatches on ``field.type``."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types import any as any_type
from territoria.schemas.types import (
    array,
    boolean,
    date,
    datetime,
    duration,
    geojson,
    geopoint,
    integer,
    number,
    string,
    time,
    year,
    yearmonth,
)
from territoria.schemas.types import list as list_type
from territoria.schemas.types import object as object_type
from territoria.schemas.types._base import INVALID, Invalid, Sample

__all__ = ["INVALID", "TYPE_MODULES", "TYPE_NAMES", "Invalid", "Sample", "parse_cell"]

TYPE_MODULES: dict[str, ModuleType] = {
    module.__name__.rsplit(".", 1)[-1]: module
    for module in (
        any_type, array, boolean, date, datetime, duration, geojson, geopoint, integer,
        list_type, number, object_type, string, time, year, yearmonth,
    )
}  # fmt: skip
TYPE_NAMES: tuple[str, ...] = tuple(sorted(TYPE_MODULES))
DATE_LIKE_TYPES = ("date", "time", "datetime")


def parse_cell(cell: str, field: Field) -> Any:
    """The typed value of a non-missing cell, or :data:`INVALID` when its type rejects it."""
    module = TYPE_MODULES.get(field.type)
    if module is None:
        return INVALID
    return module.parse(cell, field)
