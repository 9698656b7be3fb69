"""French numbers of real files: decimal comma, space / NBSP thousands, ``-`` for nothing."""

from __future__ import annotations

import math
import re

NULL_MARKERS = frozenset({"", "-", "na", "n/a", "nd", "nc", "s", "null"})
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class NotANumber(ValueError):
    """A cell that is neither a number nor a null marker."""


def parse_number(text: str | None) -> float | None:
    """``"1 146"`` → 1146.0, ``"308491,1601"`` → 308491.1601, ``"1.234,5"`` → 1234.5,
    ``"-"`` / ``""`` → None; anything else raises :class:`NotANumber`."""
    if text is None:
        return None
    compact = _SPACES.sub("", text)
    if compact.lower() in NULL_MARKERS:
        return None
    if "," in compact:
        if "." in compact and compact.rindex(".") > compact.rindex(","):
            compact = compact.replace(",", "")  # 1,234.5: comma as thousands separator
        else:
            compact = compact.replace(".", "").replace(",", ".")
    if not _PLAIN.match(compact):
        raise NotANumber(text)
    value = float(compact)
    if not math.isfinite(value):
        raise NotANumber(text)
    return value


EXAMPLES: tuple[tuple[str, float | None], ...] = (
    ("1 146", 1146.0),  # État 4001: space as thousands separator
    ("1\u00a0146", 1146.0),  # NBSP
    ("308491,1601", 308491.1601),  # SSMSI LOG: decimal comma
    ("2,250851705", 2.250851705),
    ("1.234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("2017190.6400000001", 2017190.6400000001),  # ORE: a float artefact
    ("-12,5", -12.5),
    ("1e3", 1000.0),
    ("-", None),  # Atout France: no value
    ("", None),
    ("NA", None),  # ORE: no département, no value
)
"""Cells of the real files and what they read as (a test sweeps them)."""

NOT_NUMBERS: tuple[str, ...] = ("abc", "12 km", "1,2,3", "inf", "0x10")
"""Cells that are refused (reported with their row, the tidy cell left empty)."""
