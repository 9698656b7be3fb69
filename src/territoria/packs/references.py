"""Resolve a tidy table's territory references with the official geography, keeping every
reference that did not resolve (row, value, status, candidates) for the ingest report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from territoria.geo.resolve import resolve_column
from territoria.packs.cells import distinct
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
    """The territory id of each row (null where unresolved) and what did not resolve."""

    ids: pa.Array
    unresolved: list[Unresolved] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


def resolve_references(
    spec: TerritoryMap,
    values: pa.Array,
    names: pa.Array | None,
    rows: pa.Array,
    column: str,
) -> Resolved:
    """Resolve ``values`` (one per tidy row, ``rows`` their physical rows in the file): each
    distinct (value, name) once, every row then mapped through what it resolved to."""
    texts, positions = distinct(values)
    pairs = [(text, None) for text in texts]
    if names is not None:  # the distinct (value, name) pairs, in the order of first rows
        labels, named = distinct(names)
        pair = positions.to_numpy(zero_copy_only=False).astype(np.int64) * len(labels)
        pair += named.to_numpy(zero_copy_only=False)
        keys, firsts, inverse = np.unique(pair, return_index=True, return_inverse=True)
        order = np.argsort(firsts, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        positions = pa.array(rank[inverse.ravel()])
        pairs = [(texts[k // len(labels)], labels[k % len(labels)]) for k in keys[order]]
    cleaned = [_clean_name(v) if spec.kind == "name" else v for v, _ in pairs]
    context = None if names is None else [_clean_name(n) for _, n in pairs]
    found = resolve_column(cleaned, kind=spec.kind, departement=spec.departement, names=context)
    result = Resolved(pa.array([item.territory_id for item in found], pa.string()).take(positions))
    at = positions.to_numpy(zero_copy_only=False)
    counts = np.bincount(at, minlength=len(found))
    for position, item in enumerate(found):  # in the order of their first rows
        result.statuses[item.status] = result.statuses.get(item.status, 0) + int(counts[position])
    missing = np.array([item.territory_id is None for item in found], dtype=bool)
    if missing.any():
        physical = rows.to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(missing[at]):
            item = found[at[i]]
            result.unresolved.append(
                Unresolved(int(physical[i]), column, item.input, item.status, item.candidates)
            )
    return result
