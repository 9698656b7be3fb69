"""Territory ids ``level:code[@vintage]`` (``commune:75056``, ``commune:01340@2015``).

The COG vintage of an id is the year of the geography its code belongs to. Only the 2026 COG
is bundled: a past vintage's code that no longer exists resolves to today's territory through
old codes (:meth:`Geography.find`); a later or malformed vintage is refused.
"""

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


COG_VINTAGE = 2026  # the only vintage bundled
FIRST_VINTAGE = 1943  # the first Code officiel géographique


class InvalidVintageError(InvalidTerritoryIdError):
    """An ``@vintage`` that is not a year of the COG up to the bundled one (exit 2, HTTP 400)."""

    code = "invalid-vintage"


class TerritoryId(NamedTuple):
    """A parsed id; ``str()`` gives back the canonical ``level:code`` (without the vintage,
    the key of today's geography), :attr:`full` the id as given with its vintage."""

    level: str
    code: str
    vintage: int | None = None

    def __str__(self) -> str:
        return f"{self.level}:{self.code}"

    @property
    def full(self) -> str:
        """``level:code@vintage`` (``level:code`` when no vintage was given)."""
        return f"{self}@{self.vintage}" if self.vintage is not None else str(self)


def parse_id(text: str) -> TerritoryId:
    """``level:code[@vintage]`` → :class:`TerritoryId`; the level is case-insensitive, the code
    upper-cased (``departement:2a`` is ``departement:2A``) because COG codes never hold lower
    case; the ``fr:`` prefix of ``fr:commune:75056@2025`` is accepted."""
    stripped = text.strip()
    if stripped[:3].lower() == "fr:":
        stripped = stripped[3:]
    level, sep, rest = stripped.partition(":")
    code, at, vintage = rest.partition("@")
    level = level.lower()
    if not sep or level not in LEVELS or not code.strip():
        raise InvalidTerritoryIdError(
            f"identifiant de territoire « {text} » invalide : attendu niveau:code "
            f"(niveaux : {', '.join(LEVELS)})",
            f"invalid territory id '{text}': expected level:code (levels: {', '.join(LEVELS)})",
            hint_fr="exemples : commune:75056, departement:2A, region:84, pays:FR",
            hint_en="examples: commune:75056, departement:2A, region:84, pays:FR",
        )
    return TerritoryId(level, code.strip().upper(), _vintage(text, vintage) if at else None)


def _vintage(text: str, vintage: str) -> int:
    year = int(vintage) if vintage.strip().isdigit() and len(vintage.strip()) == 4 else None
    if year is None or not FIRST_VINTAGE <= year <= COG_VINTAGE:
        raise InvalidVintageError(
            f"millésime « {vintage} » de « {text} » inconnu : une année de {FIRST_VINTAGE} à "
            f"{COG_VINTAGE} (seul le COG {COG_VINTAGE} est fourni)",
            f"unknown vintage '{vintage}' in '{text}': a year from {FIRST_VINTAGE} to "
            f"{COG_VINTAGE} (only the {COG_VINTAGE} COG is bundled)",
            hint_fr="exemple : commune:01340@2015 (un ancien code, résolu vers la commune de 2026)",
            hint_en="example: commune:01340@2015 (an old code, resolved to the 2026 commune)",
            details={"territory": text, "vintage": vintage},
        )
    return year


def format_id(level: str, code: str) -> str:
    """The canonical id of ``code`` at ``level``."""
    return str(TerritoryId(level, code))
