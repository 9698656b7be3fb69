"""Turn one row's masks and key findings into report errors, in frictionless' order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from territoria.schemas.model import Field
from territoria.validation import messages as m
from territoria.validation.cells.bits import ATTRIBUTES, TYPE, constraint_names
from territoria.validation.keys import KeyCheck
from territoria.validation.labels import Column
from territoria.validation.report import ReportError


@dataclass
class RowErrors:
    """What the scans found on one row: its errors-table record and its key errors."""

    number: int
    cells: tuple[Any, ...] | None = None  # (row, ncells, extra, blank, c0.., m0..)
    keys: list[tuple[int, int | None]] = field(default_factory=list)  # (check order, prev row)


def header_count(headers: list[ReportError]) -> dict[str, int]:
    """Header errors counted by type."""
    return dict(Counter(error.type for error in headers))


def _field(column: Column) -> Field:
    return column.field if column.field is not None else Field(name=column.name, type="any")


def _constraint_note(name: str, value: Any) -> tuple[str, str]:
    text = str(list(value) if isinstance(value, tuple) else value)
    return (
        m.CONSTRAINT_NOTE_FR.format(name=name, value=text),
        m.CONSTRAINT_NOTE_EN.format(name=name, value=text),
    )


def _cell_errors(record: tuple[Any, ...], columns: list[Column]) -> list[ReportError]:
    width = len(columns)
    number, ncells, extra, blank = record[0], record[1], record[2], record[3]
    if blank:
        return [ReportError("blank-row", row_number=number)]
    cells, masks = record[4 : 4 + width], record[4 + width : 4 + 2 * width]
    out: list[ReportError] = []
    for column, cell, mask in zip(columns, cells, masks, strict=True):
        if not mask:
            continue
        field = _field(column)
        text = "" if cell is None else str(cell)
        place = {"row_number": number, "field_name": column.name, "field_number": column.number}
        if mask & TYPE:
            out.append(
                ReportError(
                    "type-error",
                    cell=text,
                    note_fr=m.TYPE_NOTE_FR.format(type=field.type, format=field.format),
                    note_en=m.TYPE_NOTE_EN.format(type=field.type, format=field.format),
                    **place,
                )
            )
            continue
        for name in constraint_names(mask, field.type):
            fr, en = _constraint_note(name, getattr(field.constraints, ATTRIBUTES[name]))
            out.append(ReportError("constraint-error", cell=text, note_fr=fr, note_en=en, **place))
    for offset, value in enumerate(extra or []):
        out.append(
            ReportError(
                "extra-cell",
                row_number=number,
                field_name="",
                field_number=width + 1 + offset,
                cell="" if value is None else str(value),
            )
        )
    for column in columns[ncells:]:
        out.append(
            ReportError(
                "missing-cell",
                row_number=number,
                field_name=column.name,
                field_number=column.number,
                cell="",
            )
        )
    return out


def row_errors(row: RowErrors, columns: list[Column], checks: list[KeyCheck]) -> list[ReportError]:
    """Cell, row shape, unique and primary-key errors of one row, in frictionless' order."""
    out = _cell_errors(row.cells, columns) if row.cells is not None else []
    for order, previous in sorted(row.keys, key=lambda pair: pair[0]):
        check = checks[order]
        if previous is None:
            note_fr, note_en = m.PK_ALL_NULL_FR, m.PK_ALL_NULL_EN
        else:
            note_fr = m.SAME_AS_FR.format(row=previous)
            note_en = m.SAME_AS_EN.format(row=previous)
        if check.kind == "unique-key" and len(check.columns) > 1:
            names = ", ".join(columns[index].name for index in check.columns)
            out.append(
                ReportError(
                    "unique-error",
                    row_number=row.number,
                    note_fr=f"{note_fr} (clé unique : {names})",
                    note_en=f"{note_en} (unique key: {names})",
                )
            )
        elif check.kind in ("unique-error", "unique-key"):
            column = columns[check.columns[0]]
            out.append(
                ReportError(
                    "unique-error",
                    row_number=row.number,
                    field_name=column.name,
                    field_number=column.number,
                    note_fr=note_fr,
                    note_en=note_en,
                )
            )
        else:
            out.append(
                ReportError("primary-key", row_number=row.number, note_fr=note_fr, note_en=note_en)
            )
    return out
