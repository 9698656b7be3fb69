"""Byte quirks of real text files, settled before any reading: a NUL byte, a quote opened and
never closed, the DOS end-of-file mark, a table too wide to check.

Each is found with a memchr-speed search of the memory-mapped file (no Python loop over
bytes), so the regular file pays nothing; what cannot be read is refused here, naming the
line, instead of being read as data or failing deep inside the engine.
"""

from __future__ import annotations

import mmap
from pathlib import Path

from territoria.errors import UnreadableFileError

EOF_MARK = 0x1A  # Ctrl-Z: the end of a text file for MS-DOS tools, still appended by some
MAX_COLUMNS = 512  # the errors table holds two columns per file column, a 256 KiB block each
# in DuckDB: wider tables exceed the memory budget (and the scan plan grows past seconds)
_FIELD_STARTS = (b",", b";", b"\t", b"|", b"\n", b"\r")


def line_of(data: mmap.mmap, position: int) -> int:
    """Number of the physical line holding byte ``position`` (for an error message only)."""
    return data[:position].count(b"\n") + 1


def refuse_nul(path: Path, data: mmap.mmap) -> None:
    """A NUL byte anywhere in UTF-8 text means binary content (the guards only look at the
    first 64 KiB): refused, never read as data."""
    position = data.find(b"\x00")
    if position == -1:
        return
    raise UnreadableFileError(
        "octet nul (0x00) dans le texte : le fichier contient des données binaires",
        "NUL byte (0x00) in the text: the file holds binary content",
        path=str(path),
        line=line_of(data, position),
        hint_fr="exportez de nouveau le tableau en CSV depuis son logiciel d'origine",
        hint_en="export the table as CSV again from the software that made it",
    )


def unclosed_quote(data: mmap.mmap, quote: bytes) -> int | None:
    """Byte offset of the quote that opens a cell never closed before the end of the file,
    or None when the quotes left unbalanced are literal ones inside a cell (``5" écran``).

    Called only when the quote marks are odd in number: the last mark not part of a doubled
    ``""`` opens the unclosed stretch; it opens a cell (and Python's csv module would then
    read the rest of the file as one cell) only at the start of a field.
    """
    end = len(data)
    while (position := data.rfind(quote, 0, end)) > 0 and data[position - 1 : position] == quote:
        end = position - 1  # a doubled quote: literal inside a quoted cell
    if position == -1:
        return None
    before = data[position - 1 : position] if position else b"\n"
    if before in _FIELD_STARTS or data[:position] == b"\xef\xbb\xbf":
        return position
    return None


def refuse_unclosed_quote(path: Path, data: mmap.mmap, quote: bytes) -> None:
    """Refuse a file whose last quoted cell never closes, naming the line it opens on."""
    position = unclosed_quote(data, quote)
    if position is None:
        return
    mark = quote.decode("utf-8", "replace")
    raise UnreadableFileError(
        f"un guillemet {mark} ouvre une cellule qui n'est jamais refermée",
        f"a {mark} quote opens a cell that is never closed",
        path=str(path),
        line=line_of(data, position),
        hint_fr="refermez le guillemet, ou indiquez un autre caractère avec --quotechar",
        hint_en="close the quote, or give another character with --quotechar",
    )


def has_eof_mark(path: Path) -> bool:
    """The file ends with a Ctrl-Z alone on its line: a DOS end-of-file mark, not a row."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - 2))
        tail = stream.read()
    return tail[-1:] == bytes([EOF_MARK]) and (len(tail) == 1 or tail[:1] in (b"\n", b"\r"))


def refuse_too_wide(path: Path, width: int, header_row: int) -> None:
    """Refuse a table of more than :data:`MAX_COLUMNS` columns before the engine plans it."""
    if width <= MAX_COLUMNS:
        return
    raise UnreadableFileError(
        f"{width} colonnes : au-delà de la limite de {MAX_COLUMNS} colonnes",
        f"{width} columns: beyond the limit of {MAX_COLUMNS} columns",
        path=str(path),
        line=header_row,
        hint_fr="découpez le tableau en plusieurs fichiers, ou transposez-le (une ligne par "
        "variable)",
        hint_en="split the table into several files, or transpose it (one row per variable)",
    )
