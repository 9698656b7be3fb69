"""Recognise what a raw cell holds (empty, number, date, plain text) to judge a parse or a row."""

from __future__ import annotations

import re

DELIMITERS = (";", ",", "\t", "|")

# French and international numbers: "1 234,56", "1234.5", "-3", "12 %", "1e3", "17\u00a0833".
_NUMBER = re.compile(
    r"[-+]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)?(?:[.,]\d+)?(?:[eE][-+]?\d+)?\s?[%€]?"
)
# Dates and date-times: "2018/01/30", "19/06/2023", "2018-12-22T12:00:00+01:00", "04-15".
_DATE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DIGIT = re.compile(r"\d")
# For each delimiter, the other candidates but the comma, which numbers hold ("1,5").
_STRAYS = {
    delimiter: re.compile("[" + re.escape("".join(set(DELIMITERS) - {delimiter, ","})) + "]")
    for delimiter in DELIMITERS
}


def is_blank(cell: str) -> bool:
    """A cell with nothing but spaces."""
    return not cell.strip()


def is_number(cell: str) -> bool:
    """A number as French or international files write it (with a digit, whatever the format)."""
    text = cell.strip()
    return bool(_DIGIT.search(text)) and _NUMBER.fullmatch(text) is not None


def is_date(cell: str) -> bool:
    """A numeric date or date-time."""
    return _DATE.fullmatch(cell.strip()) is not None


def is_numeric(cell: str) -> bool:
    """A number or a date: a data value rather than a column label."""
    return is_number(cell) or is_date(cell)


def is_typed(cell: str, delimiter: str) -> bool:
    """A cell a correct parse with ``delimiter`` would produce: empty, a number (decimal comma
    allowed), a date, or text without the other candidate delimiters (the mark of a wrong
    split); ``delimiter`` itself may appear, the cell was quoted to hold it."""
    if _STRAYS[delimiter].search(cell):
        return False
    return delimiter == "," or "," not in cell or is_number(cell)
