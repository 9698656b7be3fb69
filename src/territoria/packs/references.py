"""Resolve a tidy table's territory references with the official geography, keeping every
reference that did not resolve (row, value, status, candidates) for the ingest report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from territoria.geo.resolve import resolve_column
from territoria.packs.manifest import TerritoryMap

# "PARIS 18EME ARRONDISSEMENT", "LYON 3ÈME" → "18E", the ordinal the COG's names use
_ORDINAL = re.compile(r"\b(\d+)\s*(?:EME|ÈME|IEME|IÈME|EM)\b", re.IGNORECASE)


def _clean_name(name: str | None) -> str | None:
    return None if name is None else _ORDINAL.sub(r"\1E", name)


@dataclass
class Unresolved:
    """A reference that gave no single territory."""

    row: int
    column: str
    value: str | None
    status: str  # unknown | ambiguous
    candidates: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (``rowNumber`` as in validation reports)."""
        return {
            "rowNumber": self.row,
            "fieldName": self.column,
            "value": self.value,
            "status": self.status,
            "candidates": list(self.candidates),
        }


@dataclass
class Resolved:
    """The territory id of each row (None where unresolved) and what did not resolve."""

    ids: list[str | None]
    unresolved: list[Unresolved] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


def resolve_references(
    spec: TerritoryMap,
    values: Sequence[str | None],
    names: Sequence[str | None] | None,
    rows: Sequence[int],
    column: str,
) -> Resolved:
    """Resolve ``values`` (one per tidy row, ``rows`` their physical rows in the file)."""
    if spec.kind == "name":
        values = [_clean_name(v) for v in values]
    cleaned = None if names is None else [_clean_name(n) for n in names]
    found = resolve_column(values, kind=spec.kind, departement=spec.departement, names=cleaned)
    result = Resolved([r.territory_id for r in found])
    for item, row in zip(found, rows, strict=True):
        result.statuses[item.status] = result.statuses.get(item.status, 0) + 1
        if item.territory_id is None:
            result.unresolved.append(
                Unresolved(row, column, item.input, item.status, item.candidates)
            )
    return result
