"""Refuse an ODS sheet whose repeated rows and cells expand to an absurd grid.

OpenDocument compresses runs of equal rows and cells (``number-rows-repeated``,
``number-columns-repeated``): a 1 KB ``content.xml`` can hold a filled row repeated a million
times, 90 cells wide. calamine expands such runs into a dense grid, and refuses only past 100
million cells: below that, a few kilobytes cost gigabytes and the process aborts. Only filled
runs count (LibreOffice ends every sheet with a run of a million empty rows, which calamine
skips); the grid is estimated as rows × the widest filled run, streaming the XML once.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from territoria.ingest.readers.sheetextent import CHUNK_BYTES, MAX_SHEET_CELLS, too_wide

_OVERLAP = 4096  # longer than any row or cell tag
_ROW_START = b"<table:table-row"
_ROW_END = b"</table:table-row>"
_REPEATED_ROW = re.compile(rb'<table:table-row\b[^>]*?table:number-rows-repeated="(\d+)"[^>]*>')
_REPEATED_CELL = re.compile(
    rb'<table:table-cell\b([^>]*?)table:number-columns-repeated="(\d+)"([^>]*)>'
)
_FILLED = (b"office:value-type", b"<text:p")


class _Grid:
    """Running estimate: row elements, extra rows of filled runs, widest filled run."""

    def __init__(self) -> None:
        self.rows = 0
        self.extra_rows = 0
        self.width = 1

    def scan(self, text: bytes, cut: int) -> int:
        """Account for ``text[:cut]``; return where the next scan must start (an unfinished
        repeated row is scanned again whole)."""
        for match in _REPEATED_ROW.finditer(text, 0, cut):
            end = text.find(_ROW_END, match.end())
            if end == -1:
                cut = match.start()
                break
            body = text[match.end() : end]
            if any(mark in body for mark in _FILLED):
                repeats = sum(int(n) - 1 for _, n, _ in _REPEATED_CELL.findall(body))
                self.width = max(self.width, body.count(b"<table:table-cell") + repeats)
                self.extra_rows += int(match.group(1)) - 1
        for before, count, after in _REPEATED_CELL.findall(text, 0, cut):
            if _FILLED[0] in before or _FILLED[0] in after:
                self.width = max(self.width, int(count))
        self.rows += text.count(_ROW_START, 0, cut)
        return cut

    @property
    def cells(self) -> int:
        return (self.rows + self.extra_rows) * self.width


def check_ods_extent(path: Path, max_cells: int = MAX_SHEET_CELLS) -> None:
    """Raise if the sheets of the ODS at ``path`` expand to more than ``max_cells`` cells."""
    grid = _Grid()
    with zipfile.ZipFile(path) as archive:
        if "content.xml" not in archive.namelist():
            return  # calamine says what is missing
        stream = archive.open("content.xml")
        text = b""
        with stream:
            while chunk := stream.read(CHUNK_BYTES):
                text += chunk
                start = grid.scan(text, max(0, len(text) - _OVERLAP))
                text = text[start:]
        grid.scan(text, len(text))
    if grid.cells > max_cells:
        raise too_wide(path, "content.xml", grid.cells, max_cells)
