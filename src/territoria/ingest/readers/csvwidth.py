"""Rows wider than the header, found on the bytes: DuckDB's strict scan hides them.

DuckDB's strict CSV scan reads a row that has more cells than the columns it was given as
long as the extra cells are empty (``1;2;3;`` or ``1;2;3;;`` or ``1;2;3;""`` under three
columns): it drops them without a word, where frictionless reports each as an
``extra-cell``. So the byte scan counts separators, and a file with a row of another width
than the header goes straight to a reading that sees every cell (the relaxed scan, or
Python's csv module); a narrower row would have made the strict scan fail anyway.

A window of the scan without quote marks costs two vectorised passes (its separators must
be the header's for each record). In a window with quoted cells, where the separators
inside them do not count (the parity of the quote marks before each one tells, as for
line ends), only the record ends that may close a wider row (after a separator, or after
an empty quoted cell) make the separators be counted. Those of a record that spans windows
are carried over.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

CR = 13
NL = 10


class UnevenRows:
    """Whether a record after the header has another width than the header's ``cells``
    (every wider one ending with empty cells is found; a narrower one may be)."""

    def __init__(self, delimiter: bytes, quote: bytes, cells: int, header_row: int) -> None:
        self.delimiter = delimiter[0] if len(delimiter) == 1 else None  # else: not counted
        self.quote = quote[0] if quote else None
        self.most = cells - 1  # separators of a record as wide as the header
        self.header_row = header_row
        self.carry = 0  # separators outside quotes since the last record end
        self.found = False
        self.suspect = False  # a record that may be wider was seen (for a doubtful parity)

    def add(
        self,
        window: npt.NDArray[np.uint8],
        ends: npt.NDArray[np.bool_],
        marks: npt.NDArray[np.intp] | None,
        inside: bool,
        counts: tuple[int, int, int],
        last_newline: int,
    ) -> None:
        """Take a window (two bytes of context first, as :func:`csvshape._window` makes it),
        its record ends, its quote marks (None: the file has none), whether it opens inside
        a quoted cell, ``counts`` (records before it, record ends in it, empty records among
        them) and its last LF (-1: none).

        A window without quote marks costs two passes: its separators are counted, and
        they must be the header's for each record but the empty lines (which DuckDB skips):
        another total means a record of another width (a narrower one the strict scan
        would refuse anyway). In a window with quoted cells, the record ends that may
        close a wider record are found first, and only then are the separators counted
        one by one, outside the quotes.
        """
        if self.found or self.delimiter is None:
            return
        before, records, empty = counts
        quoted = marks is not None and (inside or bool(len(marks)))  # parity matters here
        separator = window == self.delimiter
        if not records:
            found = np.flatnonzero(separator[2:]) if quoted else None
            self.carry += (
                int(np.count_nonzero(separator[2:]))
                if found is None
                else len(self._outside(found, marks, inside))
            )
            return
        if not quoted and before >= self.header_row:  # every LF ends a record, no title
            total = self.carry + int(np.count_nonzero(separator[2 : last_newline + 2]))
            if total != self.most * (records - empty):
                self.suspect = self.found = True
                return
            self.carry = int(np.count_nonzero(separator[last_newline + 3 :]))
            return
        positions = np.flatnonzero(ends)
        one, two = window[positions + 1], window[positions]  # the bytes before each end
        candidates = self._candidates(one, two, marks is not None)
        candidates &= before + 1 + np.arange(len(positions)) > self.header_row
        if not candidates.any():
            self._carry_on(separator, int(positions[-1]), marks, inside)
            return
        self.suspect = True
        self._count(separator, positions, candidates, marks, inside)

    def _candidates(
        self, one: npt.NDArray[np.uint8], two: npt.NDArray[np.uint8], quotes: bool
    ) -> npt.NDArray[np.bool_]:
        """Record ends after a separator, or after ``""`` (an empty quoted cell, maybe after
        one), a CR before the LF allowed: a filter, more ends than needed are fine."""
        found = (one == self.delimiter) | ((one == CR) & (two == self.delimiter))
        if quotes and self.quote is not None:
            found |= ((one == self.quote) | (one == CR)) & (two == self.quote)
        return np.asarray(found, dtype=np.bool_)

    def _carry_on(
        self,
        separator: npt.NDArray[np.bool_],
        last: int,
        marks: npt.NDArray[np.intp] | None,
        inside: bool,
    ) -> None:
        """Carry the separators after the window's last record end (``last``, -1 when it
        has none) to the next window."""
        found = np.flatnonzero(separator[last + 3 :]) + last + 1
        tail = len(self._outside(found, marks, inside))
        self.carry = tail if last >= 0 else self.carry + tail

    def _count(
        self,
        separator: npt.NDArray[np.bool_],
        positions: npt.NDArray[np.intp],
        candidates: npt.NDArray[np.bool_],
        marks: npt.NDArray[np.intp] | None,
        inside: bool,
    ) -> None:
        """Count the separators of every candidate record of the window (the exact way)."""
        separators = self._outside(np.flatnonzero(separator[2:]), marks, inside)
        before = np.searchsorted(separators, positions)  # separators before each end
        counts = np.diff(before, prepend=0)
        counts[0] += self.carry
        if (counts[candidates] > self.most).any():
            self.found = True
        self.carry = len(separators) - int(before[-1])

    def finish(self, tail: bytes, open_record: int, unbalanced: bool) -> bool:
        """Whether a wide record was found, given the file's last bytes, the number of a
        last record left without a line end (0: none) and whether the quotes ended
        unbalanced (then their parity misled the count: any candidate is taken as wide)."""
        if self.delimiter is None or self.found:
            return self.found
        if open_record > self.header_row and self._ends_like_wide(tail):
            self.suspect = True
            self.found = self.carry > self.most
        return self.found or (unbalanced and self.suspect)

    def _ends_like_wide(self, tail: bytes) -> bool:
        text = tail.rstrip(b"\r")
        d = bytes([self.delimiter or 0])
        q = bytes([self.quote]) if self.quote is not None else b""
        return text.endswith(d) or (bool(q) and text.endswith(q + q))

    def _outside(
        self, found: npt.NDArray[np.intp], marks: npt.NDArray[np.intp] | None, inside: bool
    ) -> npt.NDArray[np.intp]:
        """The separators at ``found`` that are outside quoted cells."""
        if marks is None or not (inside or len(marks)):
            return found
        before = np.searchsorted(marks, found) + int(inside)
        return np.asarray(found[before % 2 == 0], dtype=np.intp)
