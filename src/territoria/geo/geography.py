"""The official geography, loaded once per process: territories, parents, children, old codes."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pyarrow.parquet as pq

from territoria.errors import NotFoundError, UserError
from territoria.geo.ids import COG_VINTAGE, parse_id
from territoria.geo.territory import Territory

BUNDLE = Path(__file__).with_name("data") / "territories.parquet"
_GROUPS = ("epci", "ept")  # groupings of communes, beside the département line


class UnknownTerritoryError(NotFoundError):
    """A well-formed id that names no territory of the bundled COG (exit 2, HTTP 404)."""

    code = "unknown-territory"


class CommuneMatch(NamedTuple):
    """Today's commune for a code, and whether that code was an old (pre-merger) one."""

    territory: Territory
    old_code: bool


class IdMatch(NamedTuple):
    """The territory an id names today; ``requested`` as given (``commune:01340@2015``) and
    ``old_code`` when it was reached through a pre-merger code of a past vintage."""

    territory: Territory
    requested: str
    old_code: bool


class Geography:
    """Every territory of the bundled COG, indexed by id, with children and old codes derived
    once at load so each question afterwards is a dictionary look-up."""

    def __init__(self, territories: list[Territory]) -> None:
        self.by_id = {territory.id: territory for territory in territories}
        self._children: dict[str, list[str]] = {}
        self._old_codes: dict[str, str] = {}
        for territory in territories:
            for parent in territory.parents:
                self._children.setdefault(parent, []).append(territory.id)
            for old in territory.old_codes:
                self._old_codes.setdefault(old, territory.id)

    def __iter__(self) -> Iterator[Territory]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, territory_id: str) -> Territory:
        """The territory named by ``territory_id``; a bilingual error when malformed/unknown."""
        return self.find(territory_id).territory

    def find(self, territory_id: str) -> IdMatch:
        """Like :meth:`get`, saying how the id was reached: a past vintage's commune code that
        no longer exists (``commune:01340@2015``) is today's commune that took it over."""
        parsed = parse_id(territory_id)
        canonical = str(parsed)
        territory = self.by_id.get(canonical)
        if territory is not None:
            return IdMatch(territory, parsed.full, old_code=False)
        merged = self.resolve_commune(parsed.code) if parsed.level == "commune" else None
        if merged is not None and parsed.vintage is not None and parsed.vintage < COG_VINTAGE:
            return IdMatch(merged.territory, parsed.full, old_code=True)
        hint_fr = hint_en = ""
        if merged is not None:
            hint_fr = f"ancien code de {merged.territory.id} ({merged.territory.name}) : "
            hint_en = f"an old code of {merged.territory.id} ({merged.territory.name}): "
            hint_fr += f"demandez {canonical}@<millésime> ou {merged.territory.id}"
            hint_en += f"ask {canonical}@<vintage> or {merged.territory.id}"
        raise UnknownTerritoryError(
            f"territoire inconnu : {parsed.full} (COG {COG_VINTAGE})",
            f"unknown territory: {parsed.full} (COG {COG_VINTAGE})",
            hint_fr=hint_fr or "cherchez-le avec « territoria territories search TEXTE »",
            hint_en=hint_en or "look it up with 'territoria territories search TEXT'",
            details={"territory": parsed.full},
        )

    def commune_of(self, territory_id: str) -> Territory:
        """The commune a commune-like id belongs to: an arrondissement municipal's, a commune
        déléguée's or associée's; a commune itself. Other levels are refused."""
        territory = self.get(territory_id)
        if territory.level == "commune":
            return territory
        if territory.level in ("arrondissement-municipal", "commune-deleguee", "commune-associee"):
            return self.by_id[territory.parents[0]]
        raise UserError(
            f"{territory.id} n'est pas dans une commune ({territory.level})",
            f"{territory.id} is not within a commune ({territory.level})",
            details={"territory": territory.id},
        )

    def parents(self, territory_id: str) -> list[Territory]:
        """The direct parents (a commune has its EPCI, EPT and département)."""
        return [self.by_id[parent] for parent in self.get(territory_id).parents]

    def ancestors(self, territory_id: str) -> list[Territory]:
        """Every territory above, nearest first, each once (up to ``pays:FR``). A commune's
        EPCI is listed but not climbed: an EPCI may span départements (the Métropole du Grand
        Paris), and Paris is in département 75 only."""
        seen: dict[str, Territory] = {}
        frontier = [self.get(territory_id)]
        while frontier:
            parents = [self.by_id[p] for t in frontier for p in t.parents if p not in seen]
            for parent in parents:
                seen[parent.id] = parent
            frontier = [p for p in parents if p.level not in _GROUPS or len(parents) == 1]
        return list(seen.values())

    def children(self, territory_id: str) -> list[Territory]:
        """The direct children (a département's EPCI and communes, a commune's déléguées…)."""
        canonical = self.get(territory_id).id
        return [self.by_id[child] for child in self._children.get(canonical, ())]

    def resolve_commune(self, code: str) -> CommuneMatch | None:
        """Today's commune for an INSEE code, current or old (``anciensCodes``); None if unknown."""
        current = self.by_id.get(f"commune:{code}")
        if current is not None:
            return CommuneMatch(current, old_code=False)
        merged = self._old_codes.get(code)
        return CommuneMatch(self.by_id[merged], old_code=True) if merged else None


@functools.cache
def geography() -> Geography:
    """The bundled geography, read once per process (≈ 39,000 territories); read column by
    column, three times faster than pyarrow's row dictionaries."""
    table = pq.read_table(BUNDLE)
    names = table.column_names
    columns = [table.column(name).to_pylist() for name in names]
    return Geography(
        [
            Territory.from_row(dict(zip(names, row, strict=True)))
            for row in zip(*columns, strict=True)
        ]
    )
