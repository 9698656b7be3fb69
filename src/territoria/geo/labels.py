"""Programme labels: the communes of Petites Villes de Demain and Action Cœur de Ville.

Each list is read once from its bundled copy (``geo/data/programmes``) and every code is
resolved to today's commune through the geography (old codes included); codes that resolve
to nothing are kept with their row, so a caller lists them instead of losing them.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from territoria.errors import NotFoundError
from territoria.geo.geography import Geography, geography
from territoria.geo.resolve import resolve_column

PROGRAMMES_DIR = Path(__file__).with_name("data") / "programmes"


@dataclass(frozen=True)
class Programme:
    """A national programme whose communes carry its label (``label:<slug>``)."""

    slug: str
    title_fr: str
    title_en: str
    file: str

    @property
    def label(self) -> str:
        """The label's id, also its peer group's (``label:pvd``)."""
        return f"label:{self.slug}"


PROGRAMMES = {
    p.slug: p
    for p in (
        Programme(
            "pvd",
            "Petites Villes de Demain",
            "Petites Villes de Demain (small towns of tomorrow)",
            "petites-villes-de-demain-communes.csv",
        ),
        Programme(
            "acv",
            "Action Cœur de Ville",
            "Action Cœur de Ville (town centre action)",
            "action-coeur-de-ville-communes.csv",
        ),
    )
}


@dataclass(frozen=True)
class Unresolved:
    """A code of a programme's file that names no commune; ``row`` is the file's physical row
    (header = 1)."""

    row: int
    code: str


@dataclass(frozen=True)
class ProgrammeMembers:
    """The communes of a programme today, and the codes that did not resolve."""

    programme: Programme
    communes: frozenset[str]
    unresolved: tuple[Unresolved, ...]
    rows: int


class UnknownLabelError(NotFoundError):
    """A programme label that Territoria does not bundle (exit 2, HTTP 404)."""

    code = "unknown-label"


def programme(slug: str) -> Programme:
    """The programme ``slug`` (``pvd``, ``acv``); a bilingual error naming the known ones."""
    found = PROGRAMMES.get(slug.strip().lower())
    if found is None:
        known = ", ".join(PROGRAMMES)
        raise UnknownLabelError(
            f"programme « {slug} » inconnu (programmes : {known})",
            f"unknown programme '{slug}' (programmes: {known})",
            details={"label": slug, "known": list(PROGRAMMES)},
        )
    return found


def _read_codes(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as source:
        return [row["insee_com"] for row in csv.DictReader(source)]


@functools.cache
def programme_members(slug: str, geo: Geography | None = None) -> ProgrammeMembers:
    """The communes of programme ``slug``, resolved once per process (and geography)."""
    found = programme(slug)
    codes = _read_codes(PROGRAMMES_DIR / found.file)
    resolutions = resolve_column(codes, kind="commune", geo=geo or geography())
    communes = frozenset(r.territory_id for r in resolutions if r.territory_id)
    unresolved = tuple(
        Unresolved(r.row + 2, codes[r.row]) for r in resolutions if r.territory_id is None
    )
    return ProgrammeMembers(found, communes, unresolved, len(codes))


def programme_labels(territory_id: str) -> list[Programme]:
    """The programmes whose label ``territory_id`` (a canonical id) carries."""
    return [p for p in PROGRAMMES.values() if territory_id in programme_members(p.slug).communes]
