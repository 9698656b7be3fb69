"""A records page's cells as a reader sees them: numbers the visitor's way, short geometries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa

from territoria.query.compiler import OutputColumn

Cell = tuple[str, bool]
"""The text shown and whether it is a number (right-aligned)."""
TEXT_SHOWN = 160
"""Characters of a long text shown in a cell (the export holds the whole value)."""


def _text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 1] + "…"


def _geometry_type(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return _text(value)
    if isinstance(value, dict):
        geometry = value.get("geometry") if value.get("type") == "Feature" else value
        if isinstance(geometry, dict):
            return str(geometry.get("type", "?"))
    return _text(value)


def _point(value: Any) -> str:
    if isinstance(value, dict) and "lat" in value and "lon" in value:
        return f"{value['lat']:.5f}, {value['lon']:.5f}"
    return _text(value)


def _moment(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value.isoformat() if isinstance(value, dt.date) else _text(value)


def cell_formatter(
    kind: str, number: Callable[[Any], str], yes_no: tuple[str, str]
) -> Callable[[Any], Cell]:
    """How a value of the ODS type ``kind`` is written in a cell."""
    if kind in ("int", "double"):
        return lambda v: (number(v), True)
    if kind == "boolean":
        return lambda v: (yes_no[0] if v else yes_no[1], False)
    if kind == "geo_shape":
        return lambda v: (_geometry_type(v), False)
    if kind == "geo_point_2d":
        return lambda v: (_point(v), False)
    if kind in ("date", "datetime"):
        return lambda v: (_moment(v), False)
    return lambda v: (_text(v), False)


def table_cells(
    table: pa.Table,
    output: Sequence[OutputColumn],
    number: Callable[[Any], str],
    yes_no: tuple[str, str],
) -> list[list[Cell]]:
    """The rows of ``table`` as cells; an empty value shows as nothing."""
    columns = []
    for index, column in enumerate(output):
        write = cell_formatter(column.type, number, yes_no)
        values = table.column(index).to_pylist()
        columns.append([("", False) if v is None else write(v) for v in values])
    return [list(row) for row in zip(*columns, strict=True)]
