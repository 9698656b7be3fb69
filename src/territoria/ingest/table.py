"""The contract between readers and the rest: a table of raw text cells with physical row numbers.

Every reader, whatever the format, produces a :class:`SourceTable`. Validation, schema inference
and storage only ever see this shape, so a new format is one new reader and nothing else.

The data is exposed to DuckDB as a relation with these columns, in this order:

``__row`` BIGINT
    row number as frictionless counts it: records, header row = 1 when it is the first one;
    title rows above the header and blank lines count, a quoted cell spanning lines is one.
``__ncells`` INTEGER
    number of cells the row really has (to report ``missing-cell`` / ``extra-cell``).
``__extra`` VARCHAR[]
    the cells beyond the header's width, NULL when there are none.
``c0`` … ``c{n-1}`` VARCHAR
    the raw text of each cell under the n header labels; ``''`` for an empty cell and NULL
    only when the row has no such cell.

A reader whose rows come in file order (DuckDB's CSV scan) also offers ``ordered``: the same
relation without ``__row``, whose n-th row is row ``row_offset + n``. Numbering rows with a
window function serialises a parallel scan; a consumer that keeps the order (an
order-preserving ``CREATE TABLE … AS``) numbers them from ``rowid`` for free. When every row
has every cell, an empty cell may read as NULL there (``empty_as_null``: NULL cannot mean a
missing cell, and making it ``''`` would cost a third of the scan). A reading that pads short
rows with NULL cannot see beyond its last column: ``max_cells`` says how wide a row must be to
have been cut, and validation then turns to the fallback.

An ordered reading may skip lines the exact reading counts: the empty lines DuckDB's scanner
passes over. ``skipped_rows`` lists them; each is a blank row, and the rows after it are
numbered past it (see :func:`shift_join`).

A fast reading may also carry a ``fallback``: a more exact reading of the same file, given why
the fast one turned out wrong halfway (DuckDB refused a row or a byte that is not UTF-8, found
another number of rows than expected, or a row as wide as ``max_cells``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import duckdb

# What DuckDB raises when a reading's guess about the file turns out wrong mid-scan (a ragged
# row, a byte that is not UTF-8, bad quoting, a combination of options its parallel scanner
# does not support, a line past its buffer): any engine error, since the list of what the
# scanner may refuse grows with every release and a reading that has a fallback must never
# show one to the user. The last reading of a CSV (Python's csv module) has no fallback: it
# reads, or raises a bilingual user error itself.
READ_REFUSALS: tuple[type[Exception], ...] = (duckdb.Error,)
T = TypeVar("T")

ROW_COLUMN = "__row"
NCELLS_COLUMN = "__ncells"
EXTRA_COLUMN = "__extra"


def cell_column(index: int) -> str:
    """Name of the relation column holding the cells of the header's ``index``-th label."""
    return f"c{index}"


@dataclass(frozen=True)
class ReadOptions:
    """What a user may force instead of letting Territoria detect it (all optional)."""

    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    quotechar: str | None = None
    header_row: int | None = None  # 1-based physical row of the header
    sheet: str | None = None  # spreadsheet sheet name or 1-based index as text


@dataclass
class Detection:
    """What was detected (or forced) to read the file; stored with every version."""

    format: str
    encoding: str | None = None
    bom: bool = False
    delimiter: str | None = None
    quotechar: str | None = None
    header_row: int = 1
    sheet: str | None = None
    forced: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form for metadata and reports."""
        out: dict[str, Any] = {
            "format": self.format,
            "encoding": self.encoding,
            "bom": self.bom,
            "delimiter": self.delimiter,
            "quotechar": self.quotechar,
            "headerRow": self.header_row,
        }
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.forced:
            out["forced"] = list(self.forced)
        out.update(self.extra)
        return out


RawRow = tuple[int, list[str | None]]
"""A physical row number and its cells as text (None for a null cell of a typed source)."""


@dataclass
class SourceTable:
    """A readable table: its header labels, what was detected, and how to scan it in DuckDB.

    ``relation`` builds the DuckDB relation described in this module's docstring on a given
    connection; it may be called several times (each call scans the source again).
    """

    path: Path
    labels: list[str]
    detection: Detection
    relation: Callable[[duckdb.DuckDBPyConnection], duckdb.DuckDBPyRelation]
    rows: Callable[[], Iterator[RawRow]] | None = None  # Python-side iteration, for small work
    row_count: int | None = None  # data rows, when the reader knows it without another scan
    cleanup: list[Path] = field(default_factory=list)  # scratch files to delete when done
    ordered: Callable[[duckdb.DuckDBPyConnection], duckdb.DuckDBPyRelation] | None = None
    row_offset: int = 0  # with ``ordered``: the n-th row (from 1) is row ``row_offset + n``
    skipped_rows: tuple[int, ...] = ()  # with ``ordered``: rows it skips (empty lines), sorted
    empty_as_null: bool = False  # with ``ordered``: empty cells read as NULL (none is missing)
    max_cells: int | None = None  # with ``ordered``: a row this wide may hide more cells
    fallback: Callable[[str], SourceTable] | None = None  # exact reading, given why the fast failed

    @property
    def width(self) -> int:
        """Number of header labels."""
        return len(self.labels)

    def attempt(self, work: Callable[[], T]) -> T:
        """Run ``work`` (anything that scans this table), taking the fallback as often as a
        reading is refused: the one place where an engine failure becomes the next reading.

        ``work`` must read the table's attributes anew on each call (they change in place).
        """
        while True:
            try:
                return work()
            except READ_REFUSALS as error:
                self.refused(error)

    def refused(self, error: Exception) -> None:
        """Take the fallback after DuckDB refused this reading mid-scan (one of
        :data:`READ_REFUSALS`); re-raise ``error`` when there is no fallback."""
        if self.fallback is None:
            raise error
        self.use_fallback(refusal_reason(error))

    def use_fallback(self, reason: str) -> None:
        """Become the exact reading of the file (recording ``reason``), dropping the fast one.

        The object is updated in place so that every holder of it reads the same rows.
        """
        if self.fallback is None:
            raise RuntimeError("this table has no fallback reading")
        exact = self.fallback(reason)
        self.close()
        exact.detection.extra["fastReadRefused"] = reason
        for attribute in fields(self):
            setattr(self, attribute.name, getattr(exact, attribute.name))

    def close(self) -> None:
        """Delete scratch files made while reading (transcoded copies, spilled rows)."""
        for path in self.cleanup:
            path.unlink(missing_ok=True)
        self.cleanup.clear()


def shift_join(alias: str, number: str, skipped: tuple[int, ...]) -> tuple[str, str]:
    """(join clause, row number) that renumber rows around ``skipped`` rows.

    ``number`` is a row's number counted as if nothing were skipped; the real number adds
    the skipped rows before it. With the skipped rows e1 < e2 < … the i-th one comes before
    every row counted past ``e_i - i``, so an ASOF join on ``u = e_i - i`` finds how many.
    """
    if not skipped:
        return "", number
    # Consecutive skipped rows share their u: the ASOF join must find the last of them.
    last = {row - i: i for i, row in enumerate(sorted(skipped), start=1)}
    shifts = ", ".join(f"({u}, {i})" for u, i in last.items())
    join = f" ASOF LEFT JOIN (VALUES {shifts}) AS {alias}(__u, __shift) ON {number} > {alias}.__u"
    return join, f"({number} + coalesce({alias}.__shift, 0))"


def refusal_reason(error: Exception) -> str:
    """DuckDB's reason for refusing a file, without the line's content (which may hold
    personal data, and goes into the version's metadata)."""
    kept = []
    for line in str(error).splitlines():
        if not line.strip() or line.startswith("Original Line"):
            continue
        if line.startswith(("Possible", "*", " ")):
            break
        kept.append(line.strip())
    return " — ".join(kept)


def balanced(operator: str, terms: list[str]) -> str:
    """``a OP b OP c …`` grouped as a balanced tree: the parser nests a flat chain one level
    per term, and DuckDB refuses expressions deeper than 1,000 (a table of 20,000 columns
    chains 20,000 masks); balanced, the depth is the logarithm of the count."""
    if len(terms) <= 2:
        return f" {operator} ".join(terms)
    middle = len(terms) // 2
    return (
        f"({balanced(operator, terms[:middle])}) {operator} ({balanced(operator, terms[middle:])})"
    )
