"""The strata peers are drawn from: DGCL population strata of communes, EPCI legal types."""

from __future__ import annotations

import bisect

from territoria.indicators.numbers import format_number

BOUNDS = (0, 500, 2_000, 3_500, 5_000, 10_000, 20_000, 50_000, 100_000)
"""DGCL population strata of communes: each bound is the lowest population of its stratum."""
EPCI_TYPES = {
    "CC": ("CC", "communautés de communes", "communities of communes"),
    "CA": ("CA", "communautés d'agglomération", "agglomeration communities"),
    "CU": ("CU", "communautés urbaines", "urban communities"),
    "METRO": ("METRO", "métropoles", "metropolises"),
    "MET69": ("METRO", "métropoles", "metropolises"),  # the Métropole de Lyon is one
}


def stratum(population: int) -> int:
    """The index in :data:`BOUNDS` of a commune of ``population`` inhabitants."""
    if population < 0:
        raise ValueError(f"negative population {population}")
    return bisect.bisect_right(BOUNDS, population) - 1


def stratum_titles(index: int) -> tuple[str, str]:
    """« communes de 2 000 à 3 500 habitants », "communes of 2,000 to 3,500 inhabitants"."""
    low = BOUNDS[index]
    if index == 0:
        return (
            f"communes de moins de {_fr(BOUNDS[1])} habitants",
            f"communes of fewer than {_en(BOUNDS[1])} inhabitants",
        )
    if index == len(BOUNDS) - 1:
        return (
            f"communes de {_fr(low)} habitants ou plus",
            f"communes of {_en(low)} inhabitants or more",
        )
    high = BOUNDS[index + 1]
    return (f"communes de {_fr(low)} à {_fr(high)} habitants",
            f"communes of {_en(low)} to {_en(high)} inhabitants")  # fmt: skip


def _fr(number: int) -> str:
    return format_number(number, "fr", 0)


def _en(number: int) -> str:
    return format_number(number, "en", 0)
