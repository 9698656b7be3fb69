"""Compare a territory's value with its peers': rank, percentile, median, quartiles, gap,
evolution, and a sentence an elected official reads (pure functions, no I/O)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from territoria.indicators.numbers import format_number

NOUNS = {
    "commune": ("la commune", "the commune"),
    "epci": ("l'intercommunalité", "the intercommunality"),
    "departement": ("le département", "the département"),
    "region": ("la région", "the region"),
    "pays": ("le pays", "the country"),
}


@dataclass(frozen=True)
class Evolution:
    """The value at an earlier ``period`` and the change since then (absolute and %)."""

    period: str
    value: float | None
    change: float | None
    change_percent: float | None


@dataclass(frozen=True)
class Comparison:
    """A territory among its peers for one period: ``rank`` 1 is the best per the polarity
    (neutral: the largest value), ``percentile`` 100 the best and 0 the worst, statistics
    over the peers that have a value (the territory included)."""

    territory: str
    period: str
    value: float | None
    rank: int | None
    percentile: float | None
    peer_count: int
    group_size: int
    median: float | None
    q1: float | None
    q3: float | None
    gap: float | None
    gap_percent: float | None
    previous: Evolution | None
    first: Evolution | None


def rank(value: float, values: list[float], polarity: str) -> int:
    """1 + the number of values strictly better than ``value`` (ties share a rank)."""
    if polarity == "lower-is-better":
        return 1 + sum(1 for other in values if other < value)
    return 1 + sum(1 for other in values if other > value)


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(Q1, median, Q3) by the inclusive method (``statistics.quantiles``)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def _percent(change: float, base: float | None) -> float | None:
    return None if not base else change / abs(base) * 100


def evolution(series: Mapping[str, float | None], period: str) -> tuple[Evolution | None, ...]:
    """(previous period, first period) of ``series`` (period → value) before ``period``."""
    current = series.get(period)
    earlier = sorted(p for p in series if p < period)
    found: list[Evolution | None] = []
    for before in (earlier[-1] if earlier else None, earlier[0] if earlier else None):
        if before is None:
            found.append(None)
            continue
        then = series[before]
        change = None if current is None or then is None else current - then
        found.append(
            Evolution(before, then, change, None if change is None else _percent(change, then))
        )
    return tuple(found)


def compare(
    territory: str,
    period: str,
    values: Mapping[str, float | None],
    polarity: str,
    *,
    series: Mapping[str, float | None] | None = None,
    group_size: int | None = None,
) -> Comparison:
    """``territory`` among ``values`` (peer id → value for ``period``, the territory's own
    included; None where a peer has no value); ``series`` is the territory's period → value."""
    known = [v for v in values.values() if v is not None]
    value = values.get(territory)
    q1 = median = q3 = None
    if known:
        q1, median, q3 = quartiles(known)
    position = percentile = gap = gap_percent = None
    if value is not None:
        position = rank(value, known, polarity)
        percentile = 100.0 if len(known) == 1 else (len(known) - position) / (len(known) - 1) * 100
        if median is not None:
            gap = value - median
            gap_percent = _percent(gap, median)
    previous, first = evolution(series or {period: value}, period)
    return Comparison(
        territory=territory,
        period=period,
        value=value,
        rank=position,
        percentile=percentile,
        peer_count=len(known),
        group_size=len(values) if group_size is None else group_size,
        median=median,
        q1=q1,
        q3=q3,
        gap=gap,
        gap_percent=gap_percent,
        previous=previous,
        first=first,
    )


def _short(unit: str, lang: str) -> str:
    """« kg » of « kg par habitant »: the median's unit in the sentence's parenthesis."""
    head, sep, _ = unit.partition(" par " if lang == "fr" else " per ")
    return head if sep and head else unit


def sentence(
    comparison: Comparison,
    *,
    level: str,
    unit: str,
    peers: str,
    lang: str = "fr",
    decimals: int | None = None,
) -> str:
    """« Avec 412 kg par habitant, la commune se situe au-dessus de la médiane des communes de
    2 000 à 3 500 habitants (388 kg). » — in French or English, numbers as each writes them;
    ``peers`` is the peer group's title, ``unit`` the indicator's in that language."""
    noun_fr, noun_en = NOUNS.get(level, ("le territoire", "the territory"))
    value, median = comparison.value, comparison.median
    if value is None or median is None:
        if lang == "fr":
            return f"Pas de valeur pour {noun_fr} en {comparison.period}."
        return f"No value for {noun_en} in {comparison.period}."
    shown, middle = (format_number(x, lang, decimals) for x in (value, median))
    if shown == middle:
        where = ("au niveau", "at")
    elif value > median:
        where = ("au-dessus", "above")
    else:
        where = ("en dessous", "below")
    spaced = f" {unit}" if unit != "%" or lang == "fr" else unit
    short = _short(unit, lang)
    spaced_short = f" {short}" if short != "%" or lang == "fr" else short
    if lang == "fr":
        return (
            f"Avec {shown}{spaced}, {noun_fr} se situe {where[0]} de la médiane des {peers} "
            f"({middle}{spaced_short})."
        )
    return (
        f"With {shown}{spaced}, {noun_en} is {where[1]} the median of {peers} "
        f"({middle}{spaced_short})."
    )
