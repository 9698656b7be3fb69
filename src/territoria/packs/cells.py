"""One tidy field's cells from its mapping (split, recoded, dated, constant), then typed;
each distinct cell worked once, the rows mapped through the results by Arrow."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from territoria.packs.manifest import FieldMap
from territoria.packs.numbers import NotANumber, parse_number

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ASCII_EDGES = r"(?s)^[!-~](.*[!-~])?$"  # first and last characters printable ASCII
_PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$"  # cast alike by Arrow and Python
ARROW_TYPES = {"number": pa.float64(), "integer": pa.int64()}


def distinct(cells: pa.Array) -> tuple[list[Any], pa.Array]:
    """(each distinct cell once, null included, in the order of first rows; each row's
    position among them): a national file repeats its codes, years and labels a lot. A
    dictionary array's entries are taken as they are used, each once."""
    if pa.types.is_dictionary(cells.type):
        used = cells.indices.dictionary_encode(null_encoding="encode")
        return cells.dictionary.take(used.dictionary).to_pylist(), used.indices
    encoded = cells.dictionary_encode(null_encoding="encode")
    return encoded.dictionary.to_pylist(), encoded.indices


def per_distinct(
    cells: pa.Array, work: Callable[[str | None], str | None], kept: pa.Array | None = None
) -> pa.Array:
    """The text ``work`` makes of each cell, done once per distinct cell; the cells of the
    ``kept`` mask, which ``work`` would leave as they are, are not worked on at all."""
    if kept is not None:
        worked = per_distinct(pc.if_else(kept, pa.scalar(None, cells.type), cells), work)
        return pc.if_else(kept, cells, worked)
    values, positions = distinct(cells)
    return pa.array([work(value) for value in values], pa.string()).take(positions)


def field_cells(spec: FieldMap, column: pa.Array | None, size: int) -> pa.Array:
    """The text of the field on each row."""
    if spec.value is not None:
        return pa.repeat(pa.scalar(spec.value, pa.string()), size)
    assert column is not None
    if spec.territory is not None:  # the caller passes the resolved ids as the column
        return per_distinct(column, _territory_code)
    kept = None
    if spec.split is None and not spec.date and not spec.values:
        kept = _stripped_already(column)  # most cells of a numbers' column, say
    return per_distinct(column, lambda raw: _field_cell(spec, raw), kept)


def _stripped_already(column: pa.Array) -> pa.Array | None:
    """Which cells ``str.strip`` leaves as they are, not empty (their first and last
    characters are printable ASCII), unless the column is a dictionary (few distinct)."""
    if pa.types.is_dictionary(column.type):
        return None
    return pc.fill_null(pc.match_substring_regex(column, _ASCII_EDGES), False)


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


def typed_column(cells: pa.Array, kind: str) -> tuple[pa.Array, list[tuple[int, str]]]:
    """(the Arrow column of a Table Schema ``kind``, the cells that are not numbers, by
    position: those become null in the column and are reported, never dropped without a
    word). Plain numbers (``2017190.64``), mostly distinct in a national file, are cast by
    Arrow; the others (``1 146``, ``308491,1601``, ``-``, ``abc``) are read by
    :func:`parse_number`, once per distinct cell."""
    arrow = ARROW_TYPES.get(kind)
    if arrow is None:
        return cells, []
    plain, numbers = _plain_numbers(cells, kind)
    rest = cells if plain is None else pc.if_else(plain, pa.scalar(None, cells.type), cells)
    texts, positions = distinct(rest)
    typed = [_typed(text, kind) for text in texts]
    values = pa.array([value for value, _ in typed], arrow).take(positions)
    if plain is not None:
        values = pc.if_else(plain, numbers.cast(arrow), values)
    refused = np.array([no for _, no in typed], dtype=bool)
    if not refused.any():
        return values, []
    at = positions.to_numpy(zero_copy_only=False)
    return values, [(int(i), texts[at[i]] or "") for i in np.flatnonzero(refused[at])]


def _plain_numbers(cells: pa.Array, kind: str) -> tuple[pa.Array | None, pa.Array]:
    """(which cells are plain numbers Arrow reads as :func:`parse_number` does — finite, and
    whole for an integer —, their numbers), or (None, …) where the cells are few distinct
    ones (a dictionary) or Arrow refuses one."""
    if pa.types.is_dictionary(cells.type):
        return None, pa.array([], pa.float64())
    looks = pc.fill_null(pc.match_substring_regex(cells, _PLAIN_NUMBER), False)
    try:
        numbers = pc.cast(pc.if_else(looks, cells, pa.scalar(None, cells.type)), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None, pa.array([], pa.float64())
    fits = pc.is_finite(numbers)
    if kind == "integer":  # whole, and an int64 (else parse_number says so, or fails, as ever)
        whole = pc.and_(pc.equal(pc.floor(numbers), numbers), pc.less(pc.abs(numbers), 2.0**63))
        fits = pc.and_(fits, whole)
    plain = pc.fill_null(pc.and_(looks, fits), False)
    return plain, pc.if_else(plain, numbers, pa.scalar(None, pa.float64()))


def _typed(cell: str | None, kind: str) -> tuple[float | int | None, bool]:
    """(the number of one cell, whether the cell is refused)."""
    try:
        number = parse_number(cell)
    except NotANumber:
        return None, True
    if number is not None and kind == "integer":
        return (int(number), False) if number.is_integer() else (None, True)
    return number, False
