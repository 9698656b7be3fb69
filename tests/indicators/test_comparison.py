"""Comparison statistics against the standard library, ranks per polarity, evolution, the
sentence in French and English, and numbers written the French way."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territoria.indicators.comparison import compare, evolution, sentence
from territoria.indicators.numbers import format_number
from territoria.indicators.strata import stratum_titles

values_lists = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=60
)
POLARITIES = ["higher-is-better", "lower-is-better", "neutral"]


def _peers(values: list[float]) -> dict[str, float | None]:
    return {f"commune:{i:05d}": v for i, v in enumerate(values)}


@given(values_lists, st.sampled_from(POLARITIES), st.data())
def test_statistics_match_the_standard_library(
    values: list[float], polarity: str, data: st.DataObject
) -> None:
    peers = _peers(values)
    target = data.draw(st.sampled_from(sorted(peers)))
    result = compare(target, "2022", {**peers, "commune:99999": None}, polarity)
    assert result.median == pytest.approx(statistics.median(values))
    if len(values) > 1:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        assert (result.q1, result.q3) == (pytest.approx(q1), pytest.approx(q3))
    assert result.peer_count == len(values) and result.group_size == len(values) + 1
    value = peers[target]
    assert value is not None and result.value == value
    better = [v for v in values if (v < value if polarity == "lower-is-better" else v > value)]
    assert result.rank == 1 + len(better)
    assert result.percentile is not None and 0 <= result.percentile <= 100
    if result.rank == 1:
        assert result.percentile == 100
    assert result.gap == pytest.approx(value - statistics.median(values))


def test_rank_follows_the_polarity() -> None:
    peers = {"a": 10.0, "b": 20.0, "c": 30.0, "d": 20.0}
    assert compare("c", "2022", peers, "higher-is-better").rank == 1
    assert compare("c", "2022", peers, "lower-is-better").rank == 4
    assert compare("a", "2022", peers, "lower-is-better").percentile == 100
    assert compare("b", "2022", peers, "neutral").rank == 2  # ties share a rank
    assert compare("d", "2022", peers, "neutral").rank == 2
    missing = compare("e", "2022", {**peers, "e": None}, "neutral")
    assert (missing.value, missing.rank, missing.percentile, missing.gap) == (None,) * 4
    assert missing.median == 20.0


def test_gap_in_percent_and_evolution() -> None:
    series = {"2019": 300.0, "2020": None, "2021": 400.0, "2022": 412.0}
    result = compare("a", "2022", {"a": 412.0, "b": 388.0, "c": 380.0}, "neutral", series=series)
    assert result.gap == pytest.approx(24.0) and result.gap_percent == pytest.approx(24 / 388 * 100)
    assert result.previous is not None and result.first is not None
    assert (result.previous.period, result.previous.change) == ("2021", pytest.approx(12.0))
    assert result.previous.change_percent == pytest.approx(3.0)
    assert (result.first.period, result.first.change) == ("2019", pytest.approx(112.0))
    assert evolution({"2022": 1.0}, "2022") == (None, None)
    gap = evolution({"2020": None, "2021": 5.0}, "2021")[0]
    assert gap is not None and (gap.value, gap.change) == (None, None)


def test_the_sentence_of_the_issue() -> None:
    result = compare("a", "2022", {"a": 412.0, "b": 388.0, "c": 300.0}, "lower-is-better")
    fr, en = stratum_titles(2)
    assert sentence(result, level="commune", unit="kg par habitant", peers=fr) == (
        "Avec 412 kg par habitant, la commune se situe au-dessus de la médiane des communes "
        "de 2\u202f000 à 3\u202f500 habitants (388 kg)."
    )
    assert sentence(result, level="commune", unit="kg per inhabitant", peers=en, lang="en") == (
        "With 412 kg per inhabitant, the commune is above the median of communes of 2,000 to "
        "3,500 inhabitants (388 kg)."
    )


def test_sentences_below_at_and_without_value() -> None:
    below = compare("d", "2022", {"d": 1.3991, "x": 4.5294, "y": 5.0}, "lower-is-better")
    text = sentence(
        below, level="departement", unit="pour 1 000 habitants", peers="départements", decimals=2
    )
    assert text == (
        "Avec 1,40 pour 1 000 habitants, le département se situe en dessous de la médiane des "
        "départements (4,53 pour 1 000 habitants)."
    )
    at = compare("a", "2022", {"a": 10.001, "b": 10.0, "c": 9.0}, "neutral")
    assert "au niveau de la médiane" in sentence(at, level="region", unit="%", peers="régions")
    none = compare("a", "2023", {"a": None, "b": 1.0}, "neutral")
    assert sentence(none, level="epci", unit="%", peers="x") == (
        "Pas de valeur pour l'intercommunalité en 2023."
    )
    assert sentence(none, level="epci", unit="%", peers="x", lang="en") == (
        "No value for the intercommunality in 2023."
    )


@pytest.mark.parametrize(
    ("value", "decimals", "fr", "en"),
    [
        (412.0, None, "412", "412"),
        (12345.678, 1, "12\u202f345,7", "12,345.7"),
        (2.4749, 2, "2,47", "2.47"),
        (5.0, None, "5,00", "5.00"),
        (-0.001, 1, "0,0", "0.0"),
        (-1234.5, 0, "-1\u202f234", "-1,234"),
    ],
)
def test_numbers_the_french_way(value: float, decimals: int | None, fr: str, en: str) -> None:
    assert format_number(value, "fr", decimals) == fr
    assert format_number(value, "en", decimals) == en
