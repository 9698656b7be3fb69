"""The ``number`` type: decimals with ``decimalChar``, ``groupChar`` and ``bareNumber``.

Lexical rules (frictionless v5): the cell is stripped of surrounding whitespace; with
``bareNumber: false`` leading characters other than digits and ``-`` and trailing non-digits
are dropped; every ``groupChar`` is removed; a ``.`` left over when ``decimalChar`` is not
``.`` rejects the cell; ``decimalChar`` becomes ``.``; the rest must be a Python ``Decimal``
literal: sign, digits (``_`` allowed between digits), exponent, ``NaN``, ``Infinity``/``Inf``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample, strip_number_noise

FORMATS: tuple[str, ...] | None = None


def normalise(cell: str, field: Field) -> str | None:
    """The cell rewritten with ``.`` as decimal mark and no grouping, or None if rejected."""
    text = cell.strip()
    if not field.bare_number:
        text = strip_number_noise(text)
    text = text.replace(field.group_char, "") if field.group_char else text
    if field.decimal_char != "." and "." in text:
        return None
    return text.replace(field.decimal_char, ".")


def parse(cell: str, field: Field) -> Decimal | float | Invalid:
    """A ``Decimal`` (a ``float`` when the descriptor sets ``floatNumber``), or INVALID."""
    text = normalise(cell, field)
    if text is None:
        return INVALID
    try:
        if field.raw.get("floatNumber") is True:
            return float(text)
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return INVALID


VALID_SAMPLES: list[Sample] = [
    ("12", {}),
    ("-12.5", {}),
    ("+0.5", {}),
    (".5", {}),
    ("5.", {}),
    ("1e3", {}),
    ("1.5E-2", {}),
    (" 12.5 ", {}),
    ("NaN", {}),
    ("INF", {}),
    ("-Infinity", {}),
    ("1_000", {}),
    ("12,5", {"decimalChar": ","}),
    ("1 234,56", {"decimalChar": ",", "groupChar": " "}),
    ("1\u00a0234,56", {"decimalChar": ",", "groupChar": "\u00a0"}),
    ("1\u202f234,56", {"decimalChar": ",", "groupChar": "\u202f"}),
    ("1.234.567,8", {"decimalChar": ",", "groupChar": "."}),
    ("1,234,567.8", {"groupChar": ","}),
    ("12 €", {"bareNumber": False}),
    ("€ 12.5", {"bareNumber": False}),
    ("45 %", {"bareNumber": False}),
    ("-3,5 €", {"bareNumber": False, "decimalChar": ","}),
]
INVALID_SAMPLES: list[Sample] = [
    ("abc", {}),
    ("12,5", {}),
    ("1 234", {}),
    ("12 €", {}),
    ("1.5", {"decimalChar": ","}),
    ("1 234,56", {"decimalChar": ","}),
    ("1\u00a0234,56", {"decimalChar": ",", "groupChar": " "}),
    ("1..2", {}),
    ("0x10", {}),
    ("--1", {}),
    ("€", {"bareNumber": False}),
]
