"""Detect how to read a delimited text file (CSV, TSV, TXT): encoding, dialect, header row."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import Any

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.cells import is_blank
from territoria.ingest.sniff.dialect import detect_dialect, parse_records
from territoria.ingest.sniff.encoding import body_offset, detect_encoding
from territoria.ingest.sniff.header import detect_header_row
from territoria.ingest.table import Detection, ReadOptions

__all__ = ["detect_dialect", "detect_encoding", "detect_header_row", "sniff_text_file"]

SAMPLE_BYTES = 256 * 1024
HEADER_RECORDS = 50


def read_text_sample(path: Path, encoding: str, max_line_bytes: int, skip: int = 0) -> str:
    """The decoded head of the file cut after its last complete line: 256 KiB, or more (up to
    ``max_line_bytes``) when lines are so long that the head holds fewer than two of them.

    Decoding starts at byte ``skip`` (past a BOM the codec does not drop). A line longer
    than ``max_line_bytes`` is refused as soon as it is read, before any dialect is tried on
    it: a 50 MB single line is refused in a fraction of a second, not after parsing it.
    """
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    with path.open("rb") as stream:
        stream.seek(skip)
        pieces = [decoder.decode(stream.read(SAMPLE_BYTES))]
        ends, open_line = _line_ends(pieces[0]), _open_length(pieces[0], 0)
        limit = max(SAMPLE_BYTES, 2 * max_line_bytes)
        read = SAMPLE_BYTES
        while ends < 2 and read < limit and (chunk := stream.read(SAMPLE_BYTES)):
            piece = decoder.decode(chunk)
            pieces.append(piece)
            read += len(chunk)
            ends += _line_ends(piece)
            open_line = _open_length(piece, open_line)
            if open_line > max_line_bytes:  # a character is at least a byte: over the limit
                from territoria.ingest.guards import too_long  # guards imports this package

                raise too_long(path, ends + 1, max_line_bytes)
        text = "".join(pieces)
        if not stream.read(1):
            return text + decoder.decode(b"", final=True)
    cut = max(text.rfind("\n"), text.rfind("\r"))
    return text[: cut + 1] if cut >= 0 else text


def _open_length(piece: str, before: int) -> int:
    """Characters of the line still open after ``piece``, ``before`` of them open before it."""
    cut = max(piece.rfind("\n"), piece.rfind("\r"))
    return before + len(piece) if cut < 0 else len(piece) - cut - 1


def _line_ends(text: str) -> int:
    """Line ends in ``text``, whether LF, CRLF or the CR of old Mac exports."""
    return max(text.count("\n"), text.count("\r"))


def _forced(options: ReadOptions) -> list[str]:
    """Names of the settings the user forced, in the order of ``ReadOptions``."""
    names = ("encoding", "delimiter", "quotechar", "header_row")
    return [name for name in names if getattr(options, name) is not None]


def _findings(records: list[list[str]], header: int, sample: str) -> dict[str, Any]:
    """What a reader may want besides the dialect: titles above the header, empty columns
    trailing on every sampled row, the line ending."""
    extra: dict[str, Any] = {}
    titles = [" ".join(c.strip() for c in row if c.strip()) for row in records[:header]]
    if any(titles):
        extra["titleRows"] = [title for title in titles if title]
    table = [row for row in records[header:] if row]
    width = max((len(row) for row in table), default=0)
    trailing = 0
    while trailing < width and all(
        len(row) <= width - trailing - 1 or is_blank(row[width - trailing - 1]) for row in table
    ):
        trailing += 1
    if trailing:
        extra["trailingEmptyColumns"] = trailing
    crlf, lf = sample.count("\r\n"), sample.count("\n")
    extra["lineEnding"] = "crlf" if crlf and crlf == lf else "lf" if not crlf else "mixed"
    if not lf and "\r" in sample:
        extra["lineEnding"] = "cr"
    return extra


def sniff_text_file(
    path: Path, options: ReadOptions, *, max_line_bytes: int, whole_file: bool = True
) -> Detection:
    """How to read ``path``: forced settings win, the rest is detected on its head.

    ``whole_file=False``: UTF-8 is judged on samples, for a reader that checks every byte
    anyway (see :func:`detect_encoding`).
    """
    # Python's csv module refuses cells over 128 KiB by default, far below the line limit
    # every reading enforces: raised once for the process (no per-reader setting exists).
    if csv.field_size_limit() < max_line_bytes:
        csv.field_size_limit(max_line_bytes)
    encoding, bom = detect_encoding(path, options.encoding, whole_file=whole_file)
    skip = body_offset(encoding, bom)
    sample = read_text_sample(path, encoding, max_line_bytes, skip)
    delimiter, quotechar = detect_dialect(sample, options.delimiter, options.quotechar)
    records = parse_records(sample, delimiter, quotechar, HEADER_RECORDS)
    if options.header_row is not None:
        if options.header_row < 1:
            raise UnreadableFileError(
                f"ligne d'en-tête {options.header_row} invalide : la première ligne est 1",
                f"invalid header row {options.header_row}: the first row is 1",
                path=str(path),
            )
        header = options.header_row - 1
    else:
        header = detect_header_row(records)
    extra = _findings(records, header, sample)
    if skip:
        extra["mixedEncoding"] = {"bom": "utf-8", "body": codecs.lookup(encoding).name}
    return Detection(
        format="csv",
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        quotechar=quotechar,
        header_row=header + 1,
        forced=_forced(options),
        extra=extra,
    )
