"""Infers a Table Schema a French user would accept from header labels and sample rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from territoria.schemas import french
from territoria.schemas.geocolumns import geo_field
from territoria.schemas.model import Constraints, Field, Schema
from territoria.schemas.types import INVALID, parse_cell


def _accepts(candidate: Field, values: list[str]) -> bool:
    """Every sampled value reads with the candidate field (so validation of the sample passes)."""
    return all(parse_cell(value, candidate) is not INVALID for value in values)


def _code_field(label: str, values: list[str]) -> Field | None:
    """A ``string`` with a pattern for identifier codes recognised by label or by shape."""
    kind = french.code_kind(label)
    if kind is None:
        lengths = {len(v) for v in values}
        if any(v[:2] in ("2A", "2B") for v in values) and lengths == {5}:
            kind = "insee"
        elif all(v.isdigit() for v in values) and lengths in ({9}, {14}):
            kind = "siren" if lengths == {9} else "siret"
    if kind is not None:
        pattern = french.CODE_PATTERNS[kind][0]
        if all(re.fullmatch(pattern, v) for v in values):
            return Field(label, "string", constraints=Constraints(pattern=pattern))
        return Field(label, "string")
    codes = french.label_says(label, french.CODE_TOKENS + french.PHONE_TOKENS)
    if codes or all(french.PHONE.match(v) for v in values):
        return Field(label, "string")
    if any(french.LEADING_ZERO.match(v) for v in values):
        return Field(label, "string")
    return None


def _candidates(label: str, values: list[str]) -> Iterator[Field]:
    """Fields to try for a column, most specific first."""
    lowered = {v.lower() for v in values}
    if lowered <= set(french.BOOLEAN_WORDS):
        true = tuple(sorted(v for v in set(values) if french.BOOLEAN_WORDS[v.lower()]))
        false = tuple(sorted(v for v in set(values) if not french.BOOLEAN_WORDS[v.lower()]))
        yield Field(label, "boolean", true_values=true or ("oui",), false_values=false or ("non",))
    coordinate = french.label_says(label, french.COORDINATE_TOKENS)
    if all(french.INTEGER.match(v) for v in values) and not coordinate:
        if french.label_says(label, french.YEAR_TOKENS) and all(len(v) == 4 for v in values):
            yield Field(label, "year")
        yield Field(label, "integer")
    if all(french.INTEGER.match(v) or french.DOT_DECIMAL.match(v) for v in values):
        yield Field(label, "number")
    yield from _french_numbers(label, values)
    for shapes, kind in ((french.DATE_SHAPES, "date"), (french.DATETIME_SHAPES, "datetime")):
        for shape, form in shapes:
            if all(shape.match(v) for v in values):
                yield Field(label, kind, format=form)


def _french_numbers(label: str, values: list[str]) -> Iterator[Field]:
    """``12,5`` and ``1 234,56`` (space, U+00A0 or U+202F, or dot as thousands separator)."""
    groups = set()
    for value in values:
        grouped = french.GROUPED.match(value)
        if grouped:
            groups.add(grouped.group(1))
        elif not french.COMMA_DECIMAL.match(value):
            return
    if len(groups) > 1:
        return
    group = groups.pop() if groups else ""
    if group or any("," in v for v in values):
        yield Field(label, "number", decimal_char=",", group_char=group)


def _infer_field(label: str, cells: list[str | None], placeholders: set[str]) -> Field:
    values = [c for c in cells if c is not None and c != "" and c not in placeholders]
    required = bool(cells) and len(values) == len(cells)
    if not values:
        return Field(label, "string")
    chosen = geo_field(label, values) or _code_field(label, values)
    if chosen is None:
        chosen = next((c for c in _candidates(label, values) if _accepts(c, values)), None)
    chosen = chosen or Field(label, "string")
    if required:
        return replace(chosen, constraints=replace(chosen.constraints, required=True))
    return chosen


def _columns(width: int, rows: Iterable[list[str | None]], size: int) -> list[list[str | None]]:
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for row in islice(rows, size):
        for index, column in enumerate(columns):
            column.append(row[index] if index < len(row) else None)
    return columns


def infer_schema(
    labels: list[str], rows: Iterable[list[str | None]], *, sample_size: int = 10_000
) -> Schema:
    """A schema whose field names are the labels, inferred from the first ``sample_size`` rows.

    French placeholders (``NC``, ``N/A``, ``-``, ``s.o.``) become missing values only when a
    column is numeric once they are set aside; they then apply to the whole schema.
    """
    columns = _columns(len(labels), rows, sample_size)
    found: set[str] = set()
    for label, cells in zip(labels, columns, strict=True):
        present = {c for c in cells if c in french.PLACEHOLDERS}
        if present and _infer_field(label, cells, present).type in ("integer", "number"):
            found |= present
    fields = tuple(
        _infer_field(lab, cells, found) for lab, cells in zip(labels, columns, strict=True)
    )
    missing: tuple[str, ...] = ("", *sorted(found))
    return Schema(fields=fields, missing_values=missing)
