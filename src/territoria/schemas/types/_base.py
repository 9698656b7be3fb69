"""What every cell parser shares: the INVALID marker, the sample shape, digit stripping."""

from __future__ import annotations

import re
from typing import Any, Final

Sample = tuple[str, dict[str, Any]]
"""A raw cell and the field-descriptor keys to add to ``{"name", "type"}`` to read it."""

_LEADING_NOISE = re.compile(r"^[^\d-]+")
_TRAILING_NOISE = re.compile(r"\D+$")


class Invalid:
    """The type of :data:`INVALID`: what a parser returns for a cell its type rejects."""

    _instance: Invalid | None = None

    def __new__(cls) -> Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Final = Invalid()


def strip_number_noise(text: str) -> str:
    """``bareNumber: false``: drop leading characters other than digits and ``-``, then trailing
    non-digits (``"€ 12"`` → ``"12"``, ``"12 %"`` → ``"12"``)."""
    return _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", text))
