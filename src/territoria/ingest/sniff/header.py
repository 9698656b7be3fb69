"""Find the header record under the blank and title rows that services put above their tables."""

from __future__ import annotations

from collections.abc import Iterator
from statistics import median_high

from territoria.ingest.sniff.cells import is_blank, is_numeric

_LOOKAHEAD = 3  # wide rows examined for the look of labels before settling for the first one


def filled(row: list[str]) -> int:
    """Number of non-blank cells of a row."""
    return sum(not is_blank(cell) for cell in row)


def typical_width(rows: list[list[str]]) -> int:
    """How many cells the rows of the table fill, title rows (a single cell) left aside."""
    counts = [filled(row) for row in rows]
    wide = [count for count in counts if count >= 2]
    if wide:
        return int(median_high(wide))
    return 1 if any(counts) else 0


def _threshold(width: int) -> int:
    """Filled cells a header needs: the typical width, less a fifth for a few unlabelled columns
    (a pivot table's empty corner) once the table is wide enough for that to be safe."""
    if width <= 3:
        return width
    return width - max(1, width // 5)


def looks_like_labels(row: list[str]) -> bool:
    """Mostly distinct, mostly non-numeric cells; distinct numbers (``1;2;…;2A``, the
    départements of a wide table) pass too, where a data row repeats its values. A row of
    text only may repeat a label or two (``nom;nom;;code``: frictionless then reports the
    duplicate), rather than give way to the first data row below it."""
    cells = [cell.strip() for cell in row if not is_blank(cell)]
    if not cells:
        return False
    distinct = len(set(cells)) / len(cells)
    numeric = sum(is_numeric(cell) for cell in cells) / len(cells)
    if numeric == 0 and distinct >= 0.5:
        return True
    return distinct >= 0.8 and (numeric <= 0.5 or distinct == 1.0)


def _candidates(rows: list[list[str]], width: int) -> Iterator[int]:
    """Records filled enough to be the header: about the table's width, or one cell short
    right above a full row (the unnamed index column of a pandas export, ``,commune,pop``),
    which a title or a ``Mise à jour;01/02/2020`` line above a blank one never is."""
    needed = _threshold(width)
    for index, row in enumerate(rows):
        count = filled(row)
        if count >= needed or (
            2 <= count == needed - 1 and index + 1 < len(rows) and filled(rows[index + 1]) >= width
        ):
            yield index


def detect_header_row(rows: list[list[str]]) -> int:
    """0-based index of the header among the first parsed records (0 when nothing stands out).

    The header is the first record that fills about as many cells as the table's rows and looks
    like labels; records above it are blank lines or titles ("Subventions versées en 2019").
    """
    width = typical_width(rows)
    if width == 0:
        return 0
    wide = list(_candidates(rows, width))
    for index in wide[:_LOOKAHEAD]:
        if looks_like_labels(rows[index]):
            return index
    return wide[0] if wide else 0
