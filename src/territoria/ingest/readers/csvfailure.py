"""Where every failure of a CSV reading goes: the engine's refusal to the next reading, the
last reading's parser failure to a bilingual user error; never an internal error.

The readings run in order, fast to exact (see :mod:`territoria.ingest.readers.csv`):
``fast`` (DuckDB, UTF-8 judged on samples) → ``exact`` (encoding checked on the whole file)
→ ``relaxed`` (short and long rows) → ``python`` (Python's csv module). Any DuckDB error
during a reading (:data:`territoria.ingest.table.READ_REFUSALS`, caught once in
:meth:`SourceTable.attempt`) names the next one here; the ``python`` reading has none, so
what its parser cannot read becomes an :class:`UnreadableFileError` naming the line.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, TypeVar

from territoria.errors import UnreadableFileError

ReadMode = Literal["fast", "exact", "relaxed", "python"]
T = TypeVar("T")


def next_mode(mode: ReadMode, reason: str, *, ragged_ok: bool) -> ReadMode:
    """The reading that follows ``mode`` once DuckDB refused it for ``reason``.

    ``ragged_ok``: the relaxed scan can read the file's short and long rows (its header has
    no trailing empty columns). Every reason it does not know leads to Python's csv module.
    """
    lowered = reason.lower()
    if mode == "fast" and "unicode" in lowered:  # UTF-8 judged on samples, wrongly
        return "exact"
    ragged = "expected number of columns" in lowered and ragged_ok
    if mode in ("fast", "exact") and ragged:
        return "relaxed"
    return "python"


def parsed(path: Path, records: Iterator[T], line: Callable[[], int]) -> Iterator[T]:
    """``records`` as they come, a failure of Python's parser turned into a user error at
    the line it stopped on (``line()``, the reader's ``line_num``)."""
    try:
        yield from records
    except (csv.Error, UnicodeDecodeError, MemoryError) as error:
        raise unreadable(path, line(), str(error)) from error


def unreadable(path: Path, line: int | None, reason: str) -> UnreadableFileError:
    """The user error for a text file no reading can parse, with the parser's reason."""
    return UnreadableFileError(
        f"le fichier ne se lit pas comme un tableau CSV ({reason})",
        f"the file cannot be read as a CSV table ({reason})",
        path=str(path),
        line=line,
        hint_fr="vérifiez les guillemets et les fins de ligne autour de cette ligne, ou "
        "indiquez --delimiter, --quotechar et --encoding",
        hint_en="check the quotes and line endings around that line, or give --delimiter, "
        "--quotechar and --encoding",
    )


def renamed(error: UnreadableFileError, path: Path) -> UnreadableFileError:
    """``error`` naming the user's file, not the UTF-8 copy it was found in (the copy keeps
    the lines of the original, so the line number holds)."""
    return UnreadableFileError(
        error.message_fr,
        error.message_en,
        path=str(path),
        line=error.line,
        hint_fr=error.hint_fr,
        hint_en=error.hint_en,
        details=error.details,
    )
