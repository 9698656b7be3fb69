"""The combinations of an indicator's dimension values: the key that names one in a form, and
the one shown when the visitor has not chosen — the largest, the category that weighs most."""

from __future__ import annotations

from typing import Any

from territoria.indicators.model import IndicatorSpec

SEPARATOR = "|"


def combination_key(values: tuple[Any, ...]) -> str:
    """The text naming one combination of dimension values (a form's option value)."""
    return SEPARATOR.join("" if v is None else str(v) for v in values)


def largest_combination(rows: list[dict[str, Any]], spec: IndicatorSpec) -> tuple[Any, ...]:
    """The dimension values of the row weighing most (numerator, else value) at the rows'
    latest period: the default combination shown."""
    latest = max(r["periode"] for r in rows)
    weight = "numerateur" if any(r.get("numerateur") is not None for r in rows) else "valeur"
    best = max(
        (r for r in rows if r["periode"] == latest),
        key=lambda r: (r.get(weight) is not None, r.get(weight) or 0.0),
    )
    return tuple(best.get(d) for d in spec.dimensions)
