"""Refuse an XLSX sheet whose cells span an absurd area before calamine allocates it.

calamine holds a sheet as a dense grid from its first to its last cell: a 2 KB workbook with
one cell in A1 and one in XFD1048576 asks for 17 billion cells and aborts the process (a
Rust panic, no message, no exit code of ours). The cell references are read here first,
streaming each sheet's XML through a regular expression (the zip sizes were checked already,
so the inflated bytes are bounded), and a sheet whose span exceeds the limit is refused.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from territoria.errors import UnreadableFileError

MAX_SHEET_CELLS = 16 * 1024**2
"""Largest grid (rows × columns between the first and the last cell) a sheet may span."""
CHUNK_BYTES = 1 << 20
_OVERLAP = 64  # bytes kept between chunks so that a reference cut in two is still seen
_COLUMNS = re.compile(rb'\sr="([A-Z]{1,3})[0-9]')
_ROWS = re.compile(rb'\sr="[A-Z]{1,3}([0-9]{1,7})"')


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _span(stream: IO[bytes]) -> int:
    """Rows × columns between the extreme cell references of one sheet's XML.

    Columns are taken as a set of letters and rows as numbers, both found by the regular
    expression engine: no Python object per cell but the row numbers (about 0.3 s per
    million cells, a third of what calamine then takes to load them).
    """
    columns: set[bytes] = set()
    low, high = 1 << 30, 0
    tail = b""
    while chunk := stream.read(CHUNK_BYTES):
        text = tail + chunk
        columns.update(_COLUMNS.findall(text))
        rows = list(map(int, _ROWS.findall(text)))
        if rows:
            low, high = min(low, *rows), max(high, *rows)
        tail = text[-_OVERLAP:]
    if not columns or not high:
        return 0
    numbers = [_column(letters) for letters in columns]
    return (high - low + 1) * (max(numbers) - min(numbers) + 1)


def check_sheet_extent(path: Path, max_cells: int = MAX_SHEET_CELLS) -> None:
    """Raise if a worksheet of the XLSX at ``path`` spans more than ``max_cells`` cells."""
    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            if not (
                entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")
            ):
                continue
            with archive.open(entry) as stream:
                span = _span(stream)
            if span > max_cells:
                raise too_wide(path, entry.filename, span, max_cells)


def too_wide(path: Path, sheet: str, span: int, max_cells: int) -> UnreadableFileError:
    cells, limit = (f"{number:,}".replace(",", " ") for number in (span, max_cells))
    return UnreadableFileError(
        f"La feuille « {sheet} » s’étend sur {cells} cellules (de sa première à sa dernière "
        f"cellule), au-delà de la limite de {limit}.",
        f"Sheet '{sheet}' spans {cells} cells (from its first to its last cell), over the "
        f"limit of {limit}.",
        path=str(path),
        hint_fr="Supprimez les cellules isolées loin du tableau (Ctrl+Fin montre la dernière), "
        "ou exportez la feuille en CSV.",
        hint_en="Delete stray cells far from the table (Ctrl+End shows the last one), or export "
        "the sheet as CSV.",
        details={"cells": span, "limitCells": max_cells},
    )
