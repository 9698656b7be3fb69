"""Where the table sits in a worksheet: header row below title rows, used columns, last data row."""

from __future__ import annotations

import math
import statistics
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from territoria.ingest.readers.cells import CellValue, is_filled

SAMPLE_ROWS = 100
LOOKAHEAD = 3  # wide rows examined for labels, as the CSV header detector does


@dataclass(frozen=True)
class SheetLayout:
    """Row indexes are 0-based positions in the row iteration; columns index into each row."""

    header: int  # index of the header row
    last: int  # index of the last non-empty row (>= header)
    first_column: int
    width: int


def _filled_span(row: list[CellValue]) -> tuple[int, int, int]:
    """(first filled column, last filled column, number of filled cells); (-1, -1, 0) if blank."""
    filled = [i for i, value in enumerate(row) if is_filled(value)]
    if not filled:
        return -1, -1, 0
    return filled[0], filled[-1], len(filled)


def _guess_header(sample: list[tuple[int, list[CellValue], int]]) -> int:
    """First row wide enough for the table and made of labels; title rows above are skipped.

    A row one cell short of that right above a full row is wide enough too (a pandas export's
    unnamed index column); only the first few wide rows are looked at for labels, so a data row
    of text far below never takes the header's place (the rows above it would be lost).
    """
    typical = statistics.median_high(count for _, _, count in sample)
    threshold = max(1, math.ceil(0.75 * typical))
    wide = []
    for position, (index, row, count) in enumerate(sample):
        below = sample[position + 1] if position + 1 < len(sample) else (-1, [], 0)
        near = 2 <= count == threshold - 1 and below[0] == index + 1 and below[2] >= typical
        if count >= threshold or near:
            wide.append((index, row))
    for index, row in wide[:LOOKAHEAD]:
        if all(isinstance(value, str) for value in row if is_filled(value)):
            return index
    return wide[0][0] if wide else sample[0][0]


def find_layout(rows: Iterable[list[CellValue]], header_index: int | None) -> SheetLayout | None:
    """Scan the rows once and locate the table; None when the sheet has no filled cell.

    ``header_index`` forces the header row (0-based position); otherwise it is guessed.
    """
    firsts, lasts = array("q"), array("q")
    sample: list[tuple[int, list[CellValue], int]] = []
    last_filled_row = -1
    for index, row in enumerate(rows):
        first, last, count = _filled_span(row)
        firsts.append(first)
        lasts.append(last)
        if count:
            last_filled_row = index
            if len(sample) < SAMPLE_ROWS:
                sample.append((index, row, count))
    if header_index is None:
        if not sample:
            return None
        header_index = _guess_header(sample)
    elif header_index >= len(lasts):
        return None
    used_first = [first for first in firsts[header_index:] if first >= 0]
    used_last = [last for last in lasts[header_index:] if last >= 0]
    if not used_last:
        return SheetLayout(header_index, header_index, 0, 0)
    first_column = min(used_first)
    return SheetLayout(
        header=header_index,
        last=max(last_filled_row, header_index),
        first_column=first_column,
        width=max(used_last) - first_column + 1,
    )
