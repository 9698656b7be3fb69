"""Which territories have no bundled contour, level by level: the list behind the map's gaps."""

from __future__ import annotations

from typing import Any

from territoria.errors import UserError
from territoria.geo.contours import LEVELS_WITH_CONTOURS, missing_contours, missing_parts
from territoria.geo.geography import geography
from territoria.geo.ids import LEVELS


def missing_contours_report(level: str | None = None) -> dict[str, Any]:
    """Per level (one, or every level that has contours): how many territories, how many
    without a contour, each named with its population, and the EPCI/EPT whose contour lacks
    some member communes."""
    if level is not None and level not in LEVELS:
        raise UserError(
            f"niveau « {level} » inconnu (niveaux : {', '.join(LEVELS)})",
            f"unknown level '{level}' (levels: {', '.join(LEVELS)})",
        )
    geo = geography()
    report: dict[str, Any] = {}
    for wanted in (level,) if level else LEVELS_WITH_CONTOURS:
        ids = missing_contours(geo, wanted)
        partial = [
            {"id": t.id, "name": t.name, "missingParts": list(missing_parts(t.id))}
            for t in geo
            if t.level == wanted and missing_parts(t.id)
        ]
        report[wanted] = {
            "territories": sum(1 for t in geo if t.level == wanted),
            "missing": [
                {"id": i, "name": geo.by_id[i].name, "population": geo.by_id[i].population}
                for i in ids
            ],
            "partial": sorted(partial, key=lambda p: p["id"]),
        }
    return report
