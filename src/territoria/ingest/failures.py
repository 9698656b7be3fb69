"""The one place where a parser's or the engine's failure on a user's file becomes a user error.

Readers hand files to libraries that fail in their own ways: DuckDB (``duckdb.Error``), calamine
(``CalamineError``: a sheet's XML cut mid-tag, an entity it will not expand, a zip whose
headers lie), pyarrow (``ArrowException``), zlib and zipfile, Python's decoders
(``UnicodeError``) and the JSON decoder (``RecursionError`` on values nested thousands deep).
Some fail when the reader runs, others only when the table is scanned later (a Parquet file
whose footer is fine and whose pages are not). :func:`open_guarded` covers both, for every
reader in :data:`territoria.ingest.open.READERS` without the reader doing anything:

* the reader call runs inside :func:`reading`, which turns those failures into a bilingual
  :class:`UnreadableFileError` naming the file and what to do;
* the table it returns keeps its fallback (the next reading), wrapped so that the next
  reading is guarded the same way; a table without one gets a last "reading" that refuses
  the file, so that :meth:`SourceTable.refused` ends in a user error, never in the engine's.

What is not listed in :data:`FAILURES` (a ``KeyError`` in our own code) stays a bug: it must
reach the user as an internal error, to be reported and fixed, not dressed as bad input.
"""

from __future__ import annotations

import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from territoria.errors import UnreadableFileError, UserError
from territoria.ingest.table import RawRow, SourceTable, refusal_reason

FAILURES: tuple[type[BaseException], ...] = (
    duckdb.Error,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    UnicodeError,
    RecursionError,
    MemoryError,
)
"""What a library raises on a file it cannot read (as opposed to a bug of ours); with
:data:`LOADED_FAILURES`, those of libraries a reader loads on use."""

LOADED_FAILURES = {
    "python_calamine": "CalamineError",
    "pyarrow": "ArrowException",
}
"""Module -> exception of the libraries only some readers import: a library not imported
yet cannot have raised, and importing it here would slow every command's start (pyarrow
alone is ~0.15 s)."""


def failures() -> tuple[type[BaseException], ...]:
    """:data:`FAILURES` and the failures of the libraries loaded so far."""
    loaded = [
        getattr(sys.modules[module], name)
        for module, name in LOADED_FAILURES.items()
        if module in sys.modules
    ]
    return (*FAILURES, *loaded)


_NAMES = {
    "csv": "CSV",
    "xlsx": "XLSX",
    "xls": "XLS",
    "ods": "ODS",
    "json": "JSON",
    "jsonl": "JSON Lines",
    "geojson": "GeoJSON",
    "parquet": "Parquet",
    "html": "HTML",
}
_SPREADSHEET_HINT = (
    "ouvrez-le et réenregistrez-le avec votre tableur, ou exportez la feuille en CSV",
    "open it and save it again with your spreadsheet software, or export the sheet as CSV",
)
_HINTS = {
    "csv": (
        "vérifiez son encodage, son séparateur et ses guillemets, ou indiquez "
        "--encoding, --delimiter et --quotechar",
        "check its encoding, delimiter and quotes, or give --encoding, --delimiter and --quotechar",
    ),
    "xlsx": _SPREADSHEET_HINT,
    "xls": _SPREADSHEET_HINT,
    "ods": _SPREADSHEET_HINT,
    "html": _SPREADSHEET_HINT,
    "parquet": (
        "réexportez-le depuis l’outil qui l’a produit, ou envoyez-le en CSV",
        "export it again from the tool that wrote it, or send it as CSV",
    ),
}
_JSON_HINT = (
    "vérifiez sa syntaxe avec un validateur JSON, ou réexportez-le",
    "check its syntax with a JSON validator, or export it again",
)
_MAX_REASON = 300


def _reason(error: BaseException | str) -> str:
    """A short reason, without the file's content that some engines quote (personal data)."""
    if isinstance(error, str):
        text = error
    elif isinstance(error, duckdb.Error):
        text = refusal_reason(error)
    else:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def unreadable(path: Path, fmt: str, error: BaseException | str) -> UnreadableFileError:
    """The user error for a file that ``fmt``'s parser or the engine could not read."""
    name = _NAMES.get(fmt, fmt.upper())
    hint_fr, hint_en = _HINTS.get(fmt, _JSON_HINT)
    if isinstance(error, RecursionError):
        fr, en = "ses valeurs sont imbriquées trop profondément", "its values are nested too deep"
        hint_fr, hint_en = (
            "aplatissez la structure (moins de 500 niveaux d’imbrication)",
            "flatten the structure (fewer than 500 levels of nesting)",
        )
    elif isinstance(error, MemoryError):
        fr, en = "sa lecture demande plus de mémoire que disponible", "reading it needs more memory"
        hint_fr, hint_en = "découpez-le en fichiers plus petits", "split it into smaller files"
    elif isinstance(error, UnicodeError):
        fr = en = _reason(error)
        hint_fr, hint_en = (
            "réenregistrez-le en UTF-8, ou indiquez son encodage (--encoding)",
            "save it again as UTF-8, or give its encoding (--encoding)",
        )
    else:
        fr = en = _reason(error)
    return UnreadableFileError(
        f"le fichier ne se lit pas comme un {name} ({fr})",
        f"the file cannot be read as {name} ({en})",
        path=str(path),
        hint_fr=hint_fr,
        hint_en=hint_en,
        details={"format": fmt, "reason": _reason(error)},
    )


@contextmanager
def reading(path: Path, fmt: str) -> Iterator[None]:
    """Run a reading step; a library's failure on the file leaves as :func:`unreadable`."""
    try:
        yield
    except UserError:
        raise
    except Exception as error:
        if not isinstance(error, failures()):
            raise
        raise unreadable(path, fmt, error) from error


def _guarded_rows(
    rows: Callable[[], Iterator[RawRow]], path: Path, fmt: str
) -> Callable[[], Iterator[RawRow]]:
    def guarded() -> Iterator[RawRow]:
        with reading(path, fmt):
            yield from rows()

    return guarded


def guard(table: SourceTable, fmt: str) -> SourceTable:
    """``table`` with its later loads guarded: Python-side rows, and every next reading.

    A table that has no fallback (and no row count or width the validator would check it
    against) gets one that refuses the file with the engine's reason.
    """
    path = table.path
    if table.rows is not None:
        table.rows = _guarded_rows(table.rows, path, fmt)
    exact = table.fallback
    if exact is not None:

        def next_reading(reason: str) -> SourceTable:
            with reading(path, fmt):
                return guard(exact(reason), fmt)

        table.fallback = next_reading
    elif table.row_count is None and not table.max_cells:

        def refuse(reason: str) -> SourceTable:
            raise unreadable(path, fmt, reason)

        table.fallback = refuse
    return table


def open_guarded(path: Path, fmt: str, read: Callable[[], SourceTable]) -> SourceTable:
    """``read()`` (a reader applied to ``path``) with every failure on the way a user error."""
    with reading(path, fmt):
        return guard(read(), fmt)
