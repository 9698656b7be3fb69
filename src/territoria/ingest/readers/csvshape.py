"""The shape of a UTF-8 delimited file measured on its bytes: header, width, lines, trailing blanks.

Counting lines is a chunked byte scan (no Python loop per line); it lets the CSV reader check
that DuckDB read exactly one record per line, which is what makes its row numbers right.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from territoria.ingest.table import Detection

CHUNK = 4 * 1024 * 1024
TAIL = 1024 * 1024


@dataclass(frozen=True)
class TextShape:
    """What the bytes say: header cells, kept width, physical lines, trailing blank lines."""

    header: list[str]
    kept: int  # labels kept: the header without its trailing empty columns
    lines: int
    trailing_blank_rows: int
    max_line: int
    regular: bool  # plain line endings: DuckDB's scan may be tried

    @property
    def labels(self) -> list[str]:
        """The header labels kept."""
        return self.header[: self.kept]

    @property
    def width(self) -> int:
        """Cells in the header record, trailing empty ones included."""
        return len(self.header)

    @property
    def last_row(self) -> int:
        """Physical number of the last line that is not a trailing blank line."""
        return self.lines - self.trailing_blank_rows

    def findings(self) -> dict[str, Any]:
        """What to record in the version's detection metadata."""
        out: dict[str, Any] = {}
        if self.trailing_blank_rows:
            out["trailingEmptyRows"] = self.trailing_blank_rows
        if self.kept < self.width:
            out["trailingEmptyColumns"] = self.width - self.kept
        return out


def _count_lines(path: Path) -> tuple[int, bool]:
    """Physical lines (a last line without newline counts) and whether a bare CR was seen."""
    count, last, bare_cr = 0, b"\n", False
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            count += chunk.count(b"\n")
            if not bare_cr and b"\r" in chunk:
                bare_cr = chunk.count(b"\r") != chunk.count(b"\r\n")
            last = chunk[-1:]
    return count + (0 if last in (b"\n", b"") else 1), bare_cr


def _trailing_blank_lines(path: Path, delimiter: str) -> int:
    """Lines at the end of the file holding nothing but delimiters and spaces."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - TAIL))
        tail = stream.read()
    lines = tail.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    noise = delimiter.encode("utf-8") + b" \t\r"
    blank = 0
    for line in reversed(lines[1:] if size > TAIL else lines):
        if line.strip(noise):
            break
        blank += 1
    return blank


def _header(path: Path, detection: Detection) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as stream:
        head = io.StringIO(stream.read(CHUNK))
    reader = csv.reader(
        head, delimiter=detection.delimiter or ",", quotechar=detection.quotechar or '"'
    )
    for number, record in enumerate(reader, start=1):
        if number == detection.header_row:
            return record
    return []


def measure_shape(path: Path, detection: Detection, *, max_line: int) -> TextShape:
    """Measure a UTF-8 (or UTF-8 with BOM) delimited file."""
    header = _header(path, detection)
    kept = len(header)
    while kept > 0 and not header[kept - 1].strip():
        kept -= 1
    lines, bare_cr = _count_lines(path)
    blank = _trailing_blank_lines(path, detection.delimiter or ",")
    blank = min(blank, max(0, lines - detection.header_row))
    return TextShape(header, kept, lines, blank, max_line, regular=not bare_cr and kept > 0)
