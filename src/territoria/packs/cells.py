"""One tidy field's cells from its mapping (split, recoded, dated, constant), then typed."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import pyarrow as pa

from territoria.packs.manifest import FieldMap
from territoria.packs.numbers import NotANumber, parse_number

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
ARROW_TYPES = {"number": pa.float64(), "integer": pa.int64()}


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def per_distinct(cells: Sequence[K], work: Callable[[K], V]) -> list[V]:
    """``[work(c) for c in cells]``, with ``work`` done once per distinct cell: a national file
    repeats its codes, years and labels on millions of rows."""
    done = {cell: work(cell) for cell in dict.fromkeys(cells)}
    return [done[cell] for cell in cells]


def field_cells(spec: FieldMap, column: list[str | None] | None, size: int) -> list[str | None]:
    """The text of the field on each row."""
    if spec.value is not None:
        return [spec.value] * size
    assert column is not None
    if spec.territory is not None:  # the caller passes the resolved ids as the column
        return per_distinct(column, _territory_code)
    return per_distinct(column, lambda raw: _field_cell(spec, raw))


def _territory_code(territory_id: str | None) -> str | None:
    return None if territory_id is None else territory_id.partition(":")[2]


def _field_cell(spec: FieldMap, raw: str | None) -> str | None:
    cell = None if raw is None else raw.strip()
    if cell and spec.split is not None:
        parts = cell.split(spec.split)
        cell = parts[spec.part].strip() if spec.part < len(parts) else None
    if cell and spec.date:
        found = _ISO_DATE.match(cell)
        cell = found.group(0) if found else cell
    if cell is not None and spec.values:
        cell = spec.values.get(cell, cell)
    return cell or None


def typed_column(cells: list[str | None], kind: str) -> tuple[pa.Array, list[tuple[int, str]]]:
    """(the Arrow column of a Table Schema ``kind``, the cells that are not numbers: those
    become null in the column and are reported, never dropped without a word)."""
    arrow = ARROW_TYPES.get(kind)
    if arrow is None:
        return pa.array(cells, pa.string()), []
    typed = {cell: _typed(cell, kind) for cell in dict.fromkeys(cells)}  # once per distinct
    values = [typed[cell][0] for cell in cells]
    refused = {cell for cell, (_, no) in typed.items() if no}
    bad = [(i, cell or "") for i, cell in enumerate(cells) if cell in refused] if refused else []
    return pa.array(values, arrow), bad


def _typed(cell: str | None, kind: str) -> tuple[float | int | None, bool]:
    """(the number of one cell, whether the cell is refused)."""
    try:
        number = parse_number(cell)
    except NotANumber:
        return None, True
    if number is not None and kind == "integer":
        return (int(number), False) if number.is_integer() else (None, True)
    return number, False
