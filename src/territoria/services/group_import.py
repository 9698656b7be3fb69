"""Read an imported group's file: choose its column of references and resolve every cell.

A group file is a CSV or spreadsheet with one column of commune codes, territory ids
(``commune:01004``) or SIREN; the column is the one named by ``--column``, else the one whose
first cells resolve best (a column named like a code wins a tie). Each value goes through
:func:`territoria.geo.resolve.resolve_column`; cells that do not resolve are kept with their
physical row (header = 1).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import Geography
from territoria.geo.resolve import Resolution, resolve_column
from territoria.ingest.table import ROW_COLUMN, ReadOptions, cell_column
from territoria.services.tables import engine_connection, open_source

MAX_ROWS = 100_000
SAMPLE = 200
_SPACES = re.compile(r"[\s.]+")
Row = tuple[object, ...]
_HINTS = ("code", "insee", "com", "siren", "territoire", "territory", "id")


@dataclass(frozen=True)
class GroupFile:
    """The column read, the kinds of its references, its non-blank cells with their physical
    rows and resolutions, and how many cells were blank."""

    column: str
    kinds: list[str]
    rows: list[int]
    resolutions: list[Resolution]
    blank: int


def reference_kind(value: str) -> str:
    """How a cell names a territory: ``id`` (``level:code``), ``siren`` (9 digits), else
    ``commune`` (an INSEE code, current or old)."""
    if ":" in value:
        return "id"
    digits = _SPACES.sub("", value)
    return "siren" if digits.isdigit() and len(digits) == 9 else "commune"


def resolve_references(values: list[str], geo: Geography) -> list[Resolution]:
    """One resolution per value, in order, each through :func:`resolve_column` with the kind
    of its own form (:func:`reference_kind`): a column may mix codes, ids and SIREN."""
    found: list[Resolution | None] = [None] * len(values)
    by_kind: dict[str, list[int]] = {}
    for index, value in enumerate(values):
        by_kind.setdefault(reference_kind(value), []).append(index)
    for kind, indexes in by_kind.items():
        resolved = resolve_column([values[i] for i in indexes], kind=kind, geo=geo)
        for index, resolution in zip(indexes, resolved, strict=True):
            found[index] = dataclasses.replace(resolution, row=index, input=values[index])
    return [r for r in found if r is not None]


def _read(path: Path, options: ReadOptions, settings: Settings) -> tuple[list[str], list[Row]]:
    """The header labels and every row (``__row`` first) of the file, at most MAX_ROWS."""
    table = open_source(path, options, settings)
    try:
        columns = ", ".join([ROW_COLUMN, *(cell_column(i) for i in range(table.width))])
        with engine_connection(settings) as con:
            rows: list[Row] = table.attempt(
                lambda: table.relation(con).order(ROW_COLUMN).project(columns).fetchmany(MAX_ROWS)
            )
        return list(table.labels), rows
    finally:
        table.close()


def _score(labels: list[str], rows: list[Row], geo: Geography) -> int:
    """The column whose first cells resolve best; a code-like name breaks ties."""
    best: tuple[tuple[int, bool], int] | None = None
    for index, label in enumerate(labels):
        sample = [str(r[index + 1]) for r in rows[:SAMPLE] if r[index + 1] not in (None, "")]
        hinted = any(hint in label.lower() for hint in _HINTS)
        resolved = sum(1 for r in resolve_references(sample, geo) if r.territory_id)
        if resolved and (best is None or (resolved, hinted) > best[0]):
            best = ((resolved, hinted), index)
    if best is None:
        raise UserError(
            "aucune colonne du fichier ne contient de codes de territoires reconnus",
            "no column of the file holds territory codes that resolve",
            hint_fr="une colonne de codes INSEE, d'identifiants niveau:code ou de SIREN ; --column",
            hint_en="a column of INSEE codes, level:code ids or SIREN; --column",
            details={"columns": labels},
        )
    return best[1]


def _choose(labels: list[str], rows: list[Row], column: str | None, geo: Geography) -> int:
    if column is None:
        return _score(labels, rows, geo)
    lowered = [label.strip().lower() for label in labels]
    if column.strip().lower() not in lowered:
        raise UserError(
            f"colonne « {column} » absente du fichier (colonnes : {', '.join(labels)})",
            f"column '{column}' not in the file (columns: {', '.join(labels)})",
            details={"column": column, "columns": labels},
        )
    return lowered.index(column.strip().lower())


def read_group_file(
    path: Path, settings: Settings, geo: Geography, *, column: str | None = None
) -> GroupFile:
    """The references of ``path``'s group column, each resolved (see the module's docstring)."""
    labels, rows = _read(path, ReadOptions(), settings)
    index = _choose(labels, rows, column, geo)
    cells = [
        (int(str(r[0])), "" if r[index + 1] is None else str(r[index + 1]).strip()) for r in rows
    ]
    kept = [(row, value) for row, value in cells if value]
    values = [value for _, value in kept]
    kinds = sorted({reference_kind(value) for value in values})
    resolutions = resolve_references(values, geo)
    return GroupFile(
        labels[index], kinds, [row for row, _ in kept], resolutions, len(cells) - len(kept)
    )
