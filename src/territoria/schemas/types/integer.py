"""The ``integer`` type: Python ``int`` literals, with ``bareNumber: false`` noise stripping.

Lexical rules (frictionless v5): the cell is stripped of surrounding whitespace; with
``bareNumber: false`` leading characters other than digits and ``-`` and trailing non-digits
are dropped; the rest must be an ``int()`` literal: optional sign, decimal digits (leading
zeros allowed, ``_`` between digits). No decimal point, exponent or hexadecimal; ``groupChar``
is ignored, as frictionless ignores it for integers.
"""

from __future__ import annotations

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample, strip_number_noise

FORMATS: tuple[str, ...] | None = None


def parse(cell: str, field: Field) -> int | Invalid:
    """An ``int``, or INVALID."""
    text = cell.strip()
    if not field.bare_number:
        text = strip_number_noise(text)
    try:
        return int(text)
    except ValueError:
        return INVALID


VALID_SAMPLES: list[Sample] = [
    ("0", {}),
    ("42", {}),
    ("-7", {}),
    ("+7", {}),
    ("007", {}),
    (" 12 ", {}),
    ("1_000", {}),
    ("12 habitants", {"bareNumber": False}),
    ("n° 12", {"bareNumber": False}),
    ("-5 °C", {"bareNumber": False}),
]
INVALID_SAMPLES: list[Sample] = [
    ("1.5", {}),
    ("1.0", {}),
    ("1e3", {}),
    ("0x10", {}),
    ("1 000", {}),
    ("12 habitants", {}),
    ("abc", {}),
    ("--1", {}),
    ("1_", {}),
    ("1 000", {"bareNumber": False}),
]
