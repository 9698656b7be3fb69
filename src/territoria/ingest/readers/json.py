"""Read a JSON table: a list of records, a {"data"|"records"|"results": [...]} wrapper, or rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from territoria.ingest.readers.jsonstream import JsonStream
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.records import (
    KeyUnion,
    json_cell,
    no_records,
    record_cells,
    text_encoding,
    utf8_errors,
)
from territoria.ingest.readers.spilled import forced_options, spilled_table
from territoria.ingest.table import Detection, RawRow, ReadOptions, SourceTable

WRAPPER_KEYS = ("data", "records", "results")


def _items(path: Path, encoding: str) -> Iterator[Any]:
    """The items of the document's list of records, decoded one at a time."""
    with path.open(encoding=encoding, newline="") as handle, utf8_errors(path, encoding):
        stream = JsonStream(handle, str(path))
        first = stream.peek()
        if first == "[":
            stream.expect("[")
            yield from stream.items()
            stream.at_end()
            return
        if first != "{":
            raise no_records(path, "ni liste ni objet", "neither a list nor an object", 1)
        stream.expect("{")
        for key in stream.members():
            if key in WRAPPER_KEYS and stream.peek() == "[":
                stream.expect("[")
                yield from stream.items()
                return
            stream.value()
        raise no_records(path, "objet sans membre « data »", "object without a 'data' member")


def _check(path: Path, index: int, item: Any, kind: type) -> None:
    """Every item must be of the first item's kind (object or list)."""
    if not isinstance(item, kind):
        name_fr, name_en = ("un objet", "an object") if kind is dict else ("une liste", "a list")
        raise no_records(
            path,
            f"l’élément n° {index + 1} n’est pas {name_fr} comme le premier",
            f"item #{index + 1} is not {name_en} like the first one",
        )


def _header(path: Path, encoding: str) -> tuple[list[str], type]:
    """First pass: the header (union of keys, or the first row) and the kind of items."""
    kind: type | None = None
    keys = KeyUnion()
    labels: list[str] | None = None
    for index, item in enumerate(_items(path, encoding)):
        if kind is None:
            if not isinstance(item, dict | list):
                raise no_records(path, "les éléments sont des valeurs simples", "items are scalars")
            kind = type(item)
        _check(path, index, item, kind)
        if isinstance(item, dict):
            keys.add(item)
        elif labels is None:
            labels = [json_cell(value) or "" for value in item]
    if kind is None:
        raise no_records(path, "la liste est vide", "the list is empty")
    return (keys.labels if labels is None else labels), kind


def _rows(path: Path, encoding: str, labels: list[str], kind: type) -> Iterator[RawRow]:
    """Second pass: records numbered from 2 (the header is row 1); list rows from their index."""
    items = _items(path, encoding)
    if kind is list:
        next(items)  # the header row
        for index, item in enumerate(items, start=2):
            yield index, [json_cell(value) for value in item]
        return
    for index, item in enumerate(items, start=2):
        yield index, record_cells(item, labels)


def read_json(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a JSON file holding a table; nested values are kept as JSON text, null as null."""
    encoding, codec, bom = text_encoding(path, options.encoding)
    labels, kind = _header(path, codec)
    detection = Detection(
        format="json",
        encoding=encoding,
        bom=bom,
        forced=forced_options(options),
        extra={"jsonLayout": "records" if kind is dict else "rows"},
    )
    rows = _rows(path, codec, labels, kind)
    return spilled_table(path, labels, detection, rows, scratch_dir)
