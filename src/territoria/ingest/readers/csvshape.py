"""The shape of a UTF-8 delimited file measured on its bytes: header, width, lines, trailing blanks.

Counting lines is a vectorised byte scan (no Python loop per line). DuckDB's scanner skips
empty lines silently, which would shift every later row number: their numbers are kept, so
that validation numbers rows around them and reports each as a blank row (a file with very
many of them goes to the exact reader), and the scan checks it found the expected rows.
Trailing lines of bare delimiters (``;;;;``) are rows like any other, blank rows to report as
frictionless does; only a DOS end-of-file mark (Ctrl-Z) is left out of the rows.
A header that is not UTF-8 is decoded with replacement characters here: the scan refuses the
file afterwards, and the exact reading takes over.
"""

from __future__ import annotations

import csv
import io
import mmap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from territoria.ingest.guards import too_long
from territoria.ingest.readers.csvfailure import parsed
from territoria.ingest.readers.csvquirks import (
    has_eof_mark,
    line_of,
    refuse_nul,
    refuse_unclosed_quote,
)
from territoria.ingest.readers.csvwidth import UnevenRows
from territoria.ingest.table import Detection

CHUNK = 1024 * 1024
MAX_SKIPPED = 4096  # empty lines the fast scan can renumber around; more: the exact reader
HEAD = 4 * 1024 * 1024
SMALL_HEAD = 64 * 1024
TAIL = 1024 * 1024


@dataclass(frozen=True)
class TextShape:
    """What the bytes say: header cells, kept width, records, trailing blank lines."""

    header: list[str]
    kept: int  # labels kept: the header without its trailing empty columns
    lines: int  # records, the end-of-file mark left out
    trailing_blank_rows: int  # lines of bare delimiters at the end (rows all the same)
    max_line: int
    regular: bool  # plain line endings: DuckDB's scan may be tried
    quoted: bool = True  # the quote character occurs in the file
    skipped: tuple[int, ...] = ()  # empty lines after the header, which DuckDB's scan skips
    eof_mark: bool = False  # a last line holding only Ctrl-Z, which is no row
    multiline: bool = False  # a quoted cell spans lines
    longest_line: int = 0  # bytes of the longest line, when it is longer than a scan window
    uneven_rows: bool = False  # a row is wider (or narrower) than the header: no strict scan

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
        """Number of the last row (the end-of-file mark is none)."""
        return self.lines

    def findings(self) -> dict[str, Any]:
        """What to record in the version's detection metadata."""
        out: dict[str, Any] = {}
        if self.trailing_blank_rows:
            out["trailingEmptyRows"] = self.trailing_blank_rows
        if self.kept < self.width:
            out["trailingEmptyColumns"] = self.width - self.kept
        if self.eof_mark:
            out["endOfFileMark"] = True
        return out


@dataclass(frozen=True)
class LineFacts:
    """What one pass over the bytes says about line ends."""

    lines: int  # physical lines; a last line without a newline counts
    bare_cr: bool  # a CR not followed by LF: old Mac line ends, which DuckDB does not number
    empty_lines: list[int]  # numbers of the first empty lines (DuckDB skips them silently)
    more_empty: bool = False  # more empty lines than ``empty_lines`` holds
    quotes: bool = True  # whether the quote character occurs at all
    multiline: bool = False  # a line end inside a quoted cell
    longest_over_window: int = 0  # longest line that spans windows (0: every line fits one)
    uneven_rows: bool = False  # a record after the header is wider or narrower than it


def _window(data: mmap.mmap, start: int, end: int) -> npt.NDArray[np.uint8]:
    """Bytes ``start - 2`` to ``end`` (two bytes of context; zeros before the file start)."""
    if start >= 2:
        return np.frombuffer(data, dtype=np.uint8, count=end - start + 2, offset=start - 2)
    head = np.frombuffer(data, dtype=np.uint8, count=end, offset=0)
    return np.concatenate((np.zeros(2, dtype=np.uint8), head))


def _longest_inside(newline: npt.NDArray[np.bool_]) -> tuple[int, int]:
    """(length, index) of the longest line ending inside a window, from its newline positions
    (only used when the limit is smaller than a window, as in tests)."""
    positions = np.flatnonzero(newline)
    if len(positions) < 2:
        return 0, 0
    gaps = np.diff(positions) - 1
    at = int(np.argmax(gaps))
    return int(gaps[at]), at + 1


def _outside_quotes(
    ends: npt.NDArray[np.bool_], marks: npt.NDArray[np.intp], inside: bool
) -> npt.NDArray[np.bool_]:
    """``ends`` without the line ends that fall inside a quoted cell: an odd number of quote
    marks before one (counting the window's opening state) puts it inside. Positions are
    looked up among the few marks rather than accumulated over every byte (3× faster)."""
    positions = np.flatnonzero(ends)
    before = np.searchsorted(marks, positions) + int(inside)
    kept = ends.copy()
    kept[positions[before % 2 == 1]] = False
    return kept


class _Count:
    """Records and empty lines counted under one reading of the line ends."""

    def __init__(self, keep_empty: int) -> None:
        self.lines = 0
        self.empty: list[int] = []
        self.more = False
        self.keep = keep_empty

    def add(self, ends: npt.NDArray[np.bool_], empty_ends: npt.NDArray[np.bool_]) -> None:
        """Count a window's record ends; number the empty lines among them."""
        if not self.more and empty_ends.any():
            positions = np.flatnonzero(empty_ends)
            self.more = len(self.empty) + len(positions) > self.keep
            positions = positions[: self.keep - len(self.empty)]
            numbers = np.searchsorted(np.flatnonzero(ends), positions) + self.lines + 1
            self.empty.extend(int(number) for number in numbers)
        self.lines += int(np.count_nonzero(ends))


def scan_lines(
    path: Path,
    max_line_bytes: int,
    *,
    quote: bytes = b'"',
    keep_empty: int = MAX_SKIPPED,
    delimiter: bytes = b"",
    header: tuple[int, int] = (1, 0),
) -> LineFacts:
    """Count records, find bare CRs, empty lines and lines over ``max_line_bytes``,
    vectorised over 1 MiB windows (small enough for the CPU cache), no line held in memory.

    A line end inside a quoted cell does not end a record (frictionless and DuckDB read such
    a cell whole): the parity of the quote characters before each byte tells, carried from
    window to window. A quote left open at the end of the file means quotes were literal
    (``5" écran``), and every line end counts, unless it opens a cell at the start of a
    field: the file is then refused (Python's csv module would read the rest as one cell).
    An empty line is a record end right after a LF, or after a CRLF; the first
    ``keep_empty`` of them are numbered, as records. A NUL byte is refused as binary.
    Given the ``delimiter`` and the ``header`` (its row number and cells), records after it
    of another width are looked for (:class:`UnevenRows`: DuckDB's strict scan drops the
    extra cells of a wider one when they are empty).
    """
    size = path.stat().st_size
    if size == 0:
        return LineFacts(0, False, [])
    physical, quoted_count = _Count(keep_empty), _Count(keep_empty)
    crs = crlfs = 0
    open_line = 0  # bytes of the physical line still open at the end of the previous window
    longest = 0  # longest line spanning windows (one inside a window is shorter than it)
    inside = False  # inside a quoted cell at the start of the window
    uneven = UnevenRows(delimiter, quote, header[1], header[0])
    with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        refuse_nul(path, data)
        quotes = bool(quote) and data.find(quote) != -1
        for start in range(0, size, CHUNK):
            end = min(start + CHUNK, size)
            window = _window(data, start, end)
            nl = window == 10  # nl[k + 2] is byte start + k
            cr = window == 13 if data.find(b"\r", max(start - 1, 0), end) != -1 else None
            outside = None  # line ends (LF, CR) outside any quoted cell
            opened, marks = inside, None
            if quotes:
                marks = np.flatnonzero(window[2:] == quote[0])
                if inside or len(marks):
                    outside = _outside_quotes(
                        nl[2:] if cr is None else nl[2:] | cr[2:], marks, inside
                    )
                    inside = inside ^ bool(len(marks) % 2)
            newline = nl[2:]
            empty = newline & nl[1:-1]
            if cr is not None:
                empty |= newline & cr[1:-1] & nl[:-2]
            records, empty_records = newline, empty
            if outside is not None:
                records, empty_records = newline & outside, empty & outside
            last_newline = data.rfind(b"\n", start, end)
            before = quoted_count.lines if quotes else physical.lines
            found = (before, int(np.count_nonzero(records)), int(np.count_nonzero(empty_records)))
            uneven.add(window, records, marks, opened, found, last_newline - start)
            del window  # a view of the map: it must go before the map closes
            if cr is not None:
                # A CR inside a quoted cell is the cell's text; the LF after a CR shares its side.
                kept_cr = cr[2:] if outside is None else cr[2:] & outside
                kept_lf = nl[2:] if outside is None else nl[2:] & outside
                crs += int(np.count_nonzero(kept_cr))
                crlfs += int(np.count_nonzero(kept_lf & cr[1:-1]))
            first = data.find(b"\n", start, end) if last_newline != -1 else -1
            if first == -1:
                open_line += end - start
                if open_line > max_line_bytes:
                    raise too_long(path, line_of(data, start), max_line_bytes)
                continue
            longest = max(longest, open_line + first - start)
            if open_line + first - start > max_line_bytes:
                raise too_long(path, line_of(data, start), max_line_bytes)
            if max_line_bytes < CHUNK:
                longest, at = _longest_inside(nl[2:])
                if longest > max_line_bytes:
                    raise too_long(path, line_of(data, start) + at, max_line_bytes)
            open_line = end - 1 - last_newline
            physical.add(newline, empty)
            if quotes:
                quoted_count.add(records, empty_records)
        last = 0 if data[size - 1 : size] == b"\n" else 1
        if quotes and inside:
            refuse_unclosed_quote(path, data, quote)
        longest = max(longest, open_line)
        count = quoted_count if quotes and not inside else physical
        open_record = count.lines + 1 if last else 0
        uneven_rows = uneven.finish(bytes(data[max(0, size - 8) :]), open_record, quotes and inside)
    multiline = count is quoted_count and quoted_count.lines != physical.lines
    return LineFacts(
        count.lines + last,
        crs != crlfs,
        count.empty,
        count.more,
        quotes,
        multiline=multiline,
        longest_over_window=longest,
        uneven_rows=uneven_rows,
    )


def _trailing_blank_lines(path: Path, delimiter: str, eof_mark: bool) -> int:
    """Lines at the end of the file holding nothing but delimiters (a cell of spaces is
    not empty for frictionless), the end-of-file mark left aside."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - TAIL))
        tail = stream.read()
    lines = tail.split(b"\n")
    if eof_mark:
        lines.pop()
    if lines and lines[-1] == b"":
        lines.pop()
    noise = delimiter.encode("utf-8") + b"\r"
    blank = 0
    for line in reversed(lines[1:] if size > TAIL else lines):
        if line.strip(noise):
            break
        blank += 1
    return blank


def _header(path: Path, detection: Detection) -> list[str]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as stream:
        text = stream.read(SMALL_HEAD)
        if text.count("\n") <= detection.header_row:  # long lines or many title rows
            text += stream.read(HEAD - SMALL_HEAD)
        head = io.StringIO(text, newline="")  # lines split at CR too, left as they are
    reader = csv.reader(
        head, delimiter=detection.delimiter or ",", quotechar=detection.quotechar or '"'
    )
    for number, record in enumerate(parsed(path, reader, lambda: reader.line_num), start=1):
        if number == detection.header_row:
            return record
    return []


def measure_shape(path: Path, detection: Detection, *, max_line: int) -> TextShape:
    """Measure a UTF-8 (or UTF-8 with BOM) delimited file."""
    header = _header(path, detection)
    kept = len(header)
    while kept > 0 and not header[kept - 1].strip():
        kept -= 1
    quote = (detection.quotechar or '"').encode("utf-8")
    delimiter = (detection.delimiter or ",").encode("utf-8")
    header_cells = (detection.header_row, len(header))
    facts = scan_lines(path, max_line, quote=quote, delimiter=delimiter, header=header_cells)
    eof_mark = has_eof_mark(path)
    lines = facts.lines - int(eof_mark)
    blank = _trailing_blank_lines(path, detection.delimiter or ",", eof_mark)
    blank = min(blank, max(0, lines - detection.header_row))
    skipped = tuple(n for n in facts.empty_lines if detection.header_row < n <= lines)
    regular = not facts.bare_cr and kept > 0 and not facts.more_empty
    return TextShape(
        header,
        kept,
        lines,
        blank,
        max_line,
        regular=regular,
        quoted=facts.quotes,
        skipped=skipped,
        eof_mark=eof_mark,
        multiline=facts.multiline,
        longest_line=facts.longest_over_window,
        uneven_rows=facts.uneven_rows,
    )
