"""Resolve a tidy table's territory references with the official geography, keeping every
reference that did not resolve (row, value, status, candidates) for the ingest report."""

from __future__ import annotations

import re
from collections import Counter
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
    """Resolve ``values`` (one per tidy row, ``rows`` their physical rows in the file): each
    distinct (value, name) once, every row then mapped through what it resolved to."""
    pairs = values if names is None else list(zip(values, names, strict=True))
    distinct: dict[Any, int] = {}  # (value[, name]) → its position among the distinct ones
    for pair in pairs:
        distinct.setdefault(pair, len(distinct))
    firsts = list(distinct)
    texts = [p[0] for p in firsts] if names is not None else firsts
    if spec.kind == "name":
        texts = [_clean_name(v) for v in texts]
    cleaned = None if names is None else [_clean_name(p[1]) for p in firsts]
    found = resolve_column(texts, kind=spec.kind, departement=spec.departement, names=cleaned)
    positions = [distinct[pair] for pair in pairs]
    ids = [item.territory_id for item in found]
    result = Resolved([ids[p] for p in positions])
    counts = Counter(positions)
    for position, item in enumerate(found):  # in the order of their first rows
        result.statuses[item.status] = result.statuses.get(item.status, 0) + counts[position]
    if any(i is None for i in ids):
        for position, row in zip(positions, rows, strict=True):
            item = found[position]
            if item.territory_id is None:
                result.unresolved.append(
                    Unresolved(row, column, item.input, item.status, item.candidates)
                )
    return result
