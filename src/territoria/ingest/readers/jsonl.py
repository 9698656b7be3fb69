"""Read JSON Lines (NDJSON) line by line: one record a line, memory bounded by the longest line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.jsonstream import DECODER, NESTED
from territoria.ingest.readers.limits import MIB, ReaderLimits
from territoria.ingest.readers.records import KeyUnion, json_cell, record_cells, text_encoding
from territoria.ingest.readers.spilled import forced_options, spilled_table
from territoria.ingest.table import Detection, RawRow, ReadOptions, SourceTable

_BOM = b"\xef\xbb\xbf"


def _bad_line(path: Path, number: int, fr: str, en: str) -> UnreadableFileError:
    return UnreadableFileError(
        f"Ligne JSON Lines invalide : {fr}.",
        f"Invalid JSON Lines line: {en}.",
        path=str(path),
        line=number,
        hint_fr='Chaque ligne doit contenir un objet JSON complet, par exemple {"a": 1}.',
        hint_en='Each line must hold one complete JSON object, for example {"a": 1}.',
    )


def _values(path: Path, codec: str, limits: ReaderLimits) -> Iterator[tuple[int, Any]]:
    """(line number, decoded value) of every non-blank line."""
    with path.open("rb") as handle:
        for number, raw in enumerate(
            iter(lambda: handle.readline(limits.max_line_bytes + 1), b""), 1
        ):
            if len(raw.rstrip(b"\r\n")) > limits.max_line_bytes:
                raise _bad_line(
                    path,
                    number,
                    f"plus longue que {limits.max_line_bytes // MIB} Mio",
                    f"longer than {limits.max_line_bytes // MIB} MiB",
                )
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise _bad_line(
                    path,
                    number,
                    f"encodage illisible ({exc.reason})",
                    f"undecodable ({exc.reason})",
                ) from exc
            if not text.strip():
                continue
            try:
                yield number, DECODER.decode(text)
            except json.JSONDecodeError as exc:
                raise _bad_line(path, number, exc.msg, exc.msg) from exc
            except RecursionError as exc:  # the decoder recurses once per level
                raise _bad_line(path, number, *NESTED) from exc


def _header(path: Path, codec: str, limits: ReaderLimits) -> tuple[list[str], bool]:
    """First pass: the labels, and whether lines are lists under a header line (else objects)."""
    keys = KeyUnion()
    header: list[str] | None = None
    first = True
    for number, value in _values(path, codec, limits):
        if first and isinstance(value, list):
            header = [json_cell(cell) or "" for cell in value]
        elif not isinstance(value, list if header is not None else dict):
            expected = ("une liste", "a list") if header is not None else ("un objet", "an object")
            raise _bad_line(path, number, f"{expected[0]} attendu", f"expected {expected[1]}")
        elif isinstance(value, dict):
            keys.add(value)
        first = False
    if first:
        raise _bad_line(path, 1, "le fichier ne contient aucune ligne", "the file has no line")
    return (keys.labels, False) if header is None else (header, True)


def _rows(
    path: Path, codec: str, limits: ReaderLimits, labels: list[str], lists: bool
) -> Iterator[RawRow]:
    """Second pass: an object on line n is row n + 1 (the header is the virtual row 1)."""
    values = _values(path, codec, limits)
    if lists:
        next(values)
        for number, value in values:
            yield number, [json_cell(cell) for cell in value]
        return
    for number, value in values:
        yield number + 1, record_cells(value, labels)


def read_jsonl(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a JSON Lines file; a malformed line is refused with its line number."""
    encoding, codec, bom = text_encoding(path, options.encoding)
    labels, lists = _header(path, codec, limits)
    detection = Detection(
        format="jsonl",
        encoding=encoding,
        bom=bom,
        forced=forced_options(options),
        extra={"jsonLayout": "rows" if lists else "records"},
    )
    rows = _rows(path, codec, limits, labels, lists)
    return spilled_table(path, labels, detection, rows, scratch_dir)
