"""JSON values as cell text, and the header of a stream of records (union of their keys)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.jsonstream import JsonNumber


def json_text(value: Any) -> str:
    """Compact JSON text of a value, numbers written exactly as the source wrote them."""
    if isinstance(value, JsonNumber):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        members = (
            f"{json.dumps(str(k), ensure_ascii=False)}:{json_text(v)}" for k, v in value.items()
        )
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(json_text(item) for item in value) + "]"
    return json.dumps(value)


def json_cell(value: Any) -> str | None:
    """A JSON value as a cell: null stays null, strings as they are, anything else as JSON text."""
    if value is None:
        return None
    if isinstance(value, str):
        return str(value)
    return json_text(value)


class KeyUnion:
    """Keys of all records seen, in first-seen order (memory bounded by the distinct keys)."""

    def __init__(self) -> None:
        self._keys: dict[str, None] = {}

    def add(self, record: dict[str, Any]) -> None:
        """Remember the keys of one record."""
        for key in record:
            self._keys.setdefault(key)

    @property
    def labels(self) -> list[str]:
        """The header: every key, in the order it first appeared."""
        return list(self._keys)


def record_cells(record: dict[str, Any], labels: list[str]) -> list[str | None]:
    """Cells of a record under the header; an absent key reads as null."""
    return [json_cell(record.get(label)) for label in labels]


def no_records(
    path: Path, what_fr: str, what_en: str, line: int | None = None
) -> UnreadableFileError:
    """The error for JSON that holds no table of records."""
    return UnreadableFileError(
        f"Le fichier JSON ne contient pas de tableau d’enregistrements : {what_fr}.",
        f"The JSON file holds no table of records: {what_en}.",
        path=str(path),
        line=line,
        hint_fr='Attendu : une liste d’objets [{…}, …], {"data": […]}, ou une liste de listes '
        "dont la première est l’en-tête.",
        hint_en='Expected: a list of objects [{…}, …], {"data": […]}, or a list of lists '
        "whose first one is the header.",
    )


def text_encoding(path: Path, forced: str | None) -> tuple[str, str, bool]:
    """(encoding to record, codec to read with, whether a UTF-8 byte order mark opens the file)."""
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
    if forced is not None:
        return forced, forced, bom
    return "utf-8", "utf-8-sig", bom


@contextmanager
def utf8_errors(path: Path, encoding: str) -> Iterator[None]:
    """Turn a decoding failure while reading into a user error."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"Le fichier n’est pas encodé en {encoding} : {exc.reason}.",
            f"The file is not {encoding}-encoded: {exc.reason}.",
            path=str(path),
            hint_fr="Réenregistrez-le en UTF-8, ou précisez son encodage.",
            hint_en="Save it again as UTF-8, or give its encoding.",
        ) from exc
