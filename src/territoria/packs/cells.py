"""One tidy field's cells from its mapping (split, recoded, dated, constant), then typed."""

from __future__ import annotations

import re

import pyarrow as pa

from territoria.packs.manifest import FieldMap
from territoria.packs.numbers import NotANumber, parse_number

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
ARROW_TYPES = {"number": pa.float64(), "integer": pa.int64()}


def field_cells(spec: FieldMap, column: list[str | None] | None, size: int) -> list[str | None]:
    """The text of the field on each row."""
    if spec.value is not None:
        return [spec.value] * size
    if spec.territory is not None:  # the caller passes the resolved ids as the column
        assert column is not None
        return [None if t is None else t.partition(":")[2] for t in column]
    assert column is not None
    cells: list[str | None] = []
    for raw in column:
        cell = None if raw is None else raw.strip()
        if cell and spec.split is not None:
            parts = cell.split(spec.split)
            cell = parts[spec.part].strip() if spec.part < len(parts) else None
        if cell and spec.date:
            found = _ISO_DATE.match(cell)
            cell = found.group(0) if found else cell
        if cell is not None and spec.values:
            cell = spec.values.get(cell, cell)
        cells.append(cell or None)
    return cells


def typed_column(cells: list[str | None], kind: str) -> tuple[pa.Array, list[tuple[int, str]]]:
    """(the Arrow column of a Table Schema ``kind``, the cells that are not numbers: those
    become null in the column and are reported, never dropped without a word)."""
    arrow = ARROW_TYPES.get(kind)
    if arrow is None:
        return pa.array(cells, pa.string()), []
    values: list[float | int | None] = []
    bad: list[tuple[int, str]] = []
    for position, cell in enumerate(cells):
        try:
            number = parse_number(cell)
        except NotANumber:
            bad.append((position, cell or ""))
            number = None
        if number is not None and kind == "integer":
            if not number.is_integer():
                bad.append((position, cell or ""))
                number = None
            else:
                values.append(int(number))
                continue
        values.append(number)
    return pa.array(values, arrow), bad
