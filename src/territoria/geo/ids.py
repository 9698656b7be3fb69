"""Territory ids ``level:code`` (``commune:75056``, ``departement:2A``): parse and format."""

from __future__ import annotations

from typing import NamedTuple

from territoria.errors import UserError

LEVELS = (
    "pays",
    "region",
    "departement",
    "epci",
    "ept",
    "commune",
    "arrondissement-municipal",
    "commune-deleguee",
    "commune-associee",
)


class InvalidTerritoryIdError(UserError):
    """A territory id that is not ``level:code`` with a known level (exit 2, HTTP 400)."""

    code = "invalid-territory-id"


class TerritoryId(NamedTuple):
    """A parsed id; ``str()`` gives back the canonical ``level:code``."""

    level: str
    code: str

    def __str__(self) -> str:
        return f"{self.level}:{self.code}"


def parse_id(text: str) -> TerritoryId:
    """``level:code`` → :class:`TerritoryId`; the level is case-insensitive, the code upper-cased
    (``departement:2a`` is ``departement:2A``) because COG codes never hold lower case."""
    level, sep, code = text.strip().partition(":")
    level = level.lower()
    if not sep or level not in LEVELS or not code.strip():
        raise InvalidTerritoryIdError(
            f"identifiant de territoire « {text} » invalide : attendu niveau:code "
            f"(niveaux : {', '.join(LEVELS)})",
            f"invalid territory id '{text}': expected level:code (levels: {', '.join(LEVELS)})",
            hint_fr="exemples : commune:75056, departement:2A, region:84, pays:FR",
            hint_en="examples: commune:75056, departement:2A, region:84, pays:FR",
        )
    return TerritoryId(level, code.strip().upper())


def format_id(level: str, code: str) -> str:
    """The canonical id of ``code`` at ``level``."""
    return str(TerritoryId(level, code))
