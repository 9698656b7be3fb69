"""Match a publication's headers leniently: case, accents, dots, underscores, spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(label: str) -> str:
    """``"Code.département"``, ``"code_departement"`` and ``"CODE DÉPARTEMENT"`` → one key."""
    plain = unicodedata.normalize("NFKD", label.lstrip("\ufeff"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return _NOT_ALNUM.sub(" ", plain).strip()


def header_index(labels: Sequence[str]) -> dict[str, int]:
    """Key → position of each header (the first one when two share a key)."""
    index: dict[str, int] = {}
    for position, label in enumerate(labels):
        index.setdefault(header_key(label), position)
    return index


def missing_headers(wanted: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The ``wanted`` headers absent from ``labels``, leniently compared."""
    present = header_index(labels)
    return [name for name in wanted if header_key(name) not in present]
