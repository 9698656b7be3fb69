"""Read the first table of an HTML page posing as a workbook (the ``.xls`` of many exports).

Business applications often export "Excel" files that are HTML tables saved under an ``.xls``
name; Excel opens them with a warning. Reading them as their users see them beats refusing
them: the first ``<table>``'s rows become the table, its first row the header, each ``<td>``
or ``<th>`` a cell (``colspan`` repeated as empty cells). The stdlib parser is fed in chunks,
and rows are spilled as they close, so memory stays bounded by one row.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spilled import forced_options, spilled_table
from territoria.ingest.table import Detection, RawRow, ReadOptions, SourceTable

CHUNK_BYTES = 1 << 20
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_MAX_COLSPAN = 1000


class _TableRows(HTMLParser):
    """Collect the rows of the first table (nested tables' text goes into the outer cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []  # closed rows not yet taken
        self.done = False
        self._depth = 0  # <table> nesting; 1 inside the first table
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self._close_row()
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._close_cell()
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), _MAX_COLSPAN) if span.isdigit() and int(span) else 1
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._close_row()
                self.done = True
        elif self._depth == 1 and tag in ("td", "th"):
            self._close_cell()
        elif self._depth == 1 and tag == "tr":
            self._close_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self.done:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            lines = "".join(self._cell).split("\n")  # HTML white space folds, <br> stays
            self._row.append("\n".join(" ".join(line.split()) for line in lines).strip())
            self._row.extend([""] * (self._span - 1))
        self._cell, self._span = None, 1

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None


def _encoding(path: Path, forced: str | None) -> tuple[str, int]:
    """(codec, bytes to skip): forced, else the BOM, else the page's ``<meta charset>``."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if forced is not None:
        return forced, 0
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return codec, 2
    found = _CHARSET.search(head)
    if found:
        with contextlib.suppress(LookupError):  # a charset Python does not know: the default
            return codecs.lookup(found.group(1).decode("ascii")).name, 0
    return "cp1252", 0  # what these exports use when they do not say (or name no codec)


def _all_rows(path: Path, codec: str, skip: int) -> Iterator[list[str]]:
    parser = _TableRows()
    decoder = codecs.getincrementaldecoder(codec)("replace")
    with path.open("rb") as handle:
        handle.seek(skip)
        while not parser.done and (chunk := handle.read(CHUNK_BYTES)):
            parser.feed(decoder.decode(chunk))
            yield from parser.rows
            parser.rows.clear()
    parser.close()
    yield from parser.rows


def _numbered(rows: Iterator[list[str]]) -> Iterator[RawRow]:
    """Data rows numbered from 2, the header being row 1."""
    for number, cells in enumerate(rows, start=2):
        yield number, list[str | None](cells)


def read_html_table(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read the first HTML table of ``path``: its first row is the header (row 1)."""
    codec, skip = _encoding(path, options.encoding)
    rows = _all_rows(path, codec, skip)
    header = next(rows, None)
    if header is None:
        raise UnreadableFileError(
            "La page HTML ne contient aucun tableau.",
            "The HTML page holds no table.",
            path=str(path),
            hint_fr="Ouvrez-le dans votre tableur et enregistrez-le en XLSX ou en CSV.",
            hint_en="Open it in your spreadsheet software and save it as XLSX or CSV.",
        )
    numbered = _numbered(rows)
    detection = Detection(
        format="html",
        encoding=codec,
        forced=forced_options(options),
        extra={"disguisedAs": path.suffix.lower().lstrip(".")},
    )
    return spilled_table(path, header, detection, numbered, scratch_dir)
