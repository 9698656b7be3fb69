"""Which part of a territory a figure was computed from: its source-level territories with
data against those the geography lists, shown wherever the figure is (home, territory page).

A figure for France drawn from six communes' fountains, or a département's capacity from the
26 communes that have a campsite, must say so: a reader would otherwise take it for the whole
territory's. Complete figures (every expected territory contributed) say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from territoria.indicators.model import IndicatorSpec


def coverage(spec: IndicatorSpec, rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """``{contributors, expected, level}`` of the figure made of ``rows`` when it is partial
    and the same for all of them (one row, or categories with the same coverage), else None."""
    pairs = {(row.get("contributeurs"), row.get("attendus")) for row in rows}
    if len(pairs) != 1:
        return None
    contributors, expected = pairs.pop()
    if contributors is None or expected is None or contributors >= expected:
        return None
    return {
        "contributors": int(contributors),
        "expected": int(expected),
        "level": spec.territory.level,
    }
