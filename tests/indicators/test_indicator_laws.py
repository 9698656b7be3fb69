"""Aggregation laws on real geography ids (hypothesis): a parent's sum is the sum of its parts,
a parent's rate is Σnum/Σden of its parts (never an average of ratios), ``over: all`` uses the
parent's own population, coverage counts the contributing and expected communes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indicator_fixtures import Row, by_key, close, demo_specs, expected_counts, oracle, run

from territoria.geo.geography import Geography, geography
from territoria.indicators.model import IndicatorSpec

GEO = geography()
POOL = sorted(
    t.id for t in GEO if t.level == "commune" and t.departement in ("2A", "971", "92", "01")
)
SPECS = demo_specs()

# quantities are 0 or at least a thousandth (tonnes, households): a subnormal denominator would
# overflow a quotient to infinity, which no real file holds
rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "territoire": st.sampled_from(POOL),
            "periode": st.sampled_from(["2021", "2022"]),
            "type": st.sampled_from(["verre", "papier", "gravats", None]),
            "tonnes": st.one_of(st.none(), st.just(0.0), st.floats(1e-3, 1e5)),
            "foyers": st.one_of(st.none(), st.just(0.0), st.floats(1e-3, 1e4)),
        }
    ),
    min_size=1,
    max_size=60,
)
LAWS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(
    result_rows: dict[tuple[Any, ...], Row],
    expected: dict[tuple[Any, ...], tuple[float | None, float | None, int]],
    spec: IndicatorSpec,
    geo: Geography,
) -> None:
    counts = expected_counts(geo, spec.territory.level)
    assert set(result_rows) == set(expected)
    for key, (num, den, contributors) in expected.items():
        row = result_rows[key]
        assert close(row["numerateur"], num), (key, row, num)
        assert row["contributeurs"] == contributors
        assert row["attendus"] == counts[key[0]]
        assert row["niveau"] == key[0].partition(":")[0]
        if not spec.has_denominator:
            assert row["denominateur"] is None
            assert close(row["valeur"], None if num is None else num * spec.scale)
            continue
        assert close(row["denominateur"], den), (key, row, den)
        if den is None or den == 0 or num is None:
            assert row["valeur"] is None
        else:
            assert close(row["valeur"], num / den * spec.scale)


@LAWS
@given(rows=rows_strategy)
def test_sums_add_up_the_hierarchy(rows: list[Row]) -> None:
    spec = SPECS["demo.tonnes"]
    result = run(rows, [spec], GEO)
    expected = oracle(rows, spec, GEO, num=lambda r: r["tonnes"])
    _check(by_key(result, spec.id), expected, spec, GEO)


@LAWS
@given(rows=rows_strategy)
def test_a_rate_is_recomputed_from_summed_parts(rows: list[Row]) -> None:
    spec = SPECS["demo.kg-par-habitant"]
    result = run(rows, [spec], GEO)
    num = lambda r: None if r["tonnes"] is None else r["tonnes"] * 1000  # noqa: E731
    expected = oracle(rows, spec, GEO, num=num, population="contributing")
    _check(by_key(result, spec.id), expected, spec, GEO)


@LAWS
@given(rows=rows_strategy)
def test_over_all_divides_by_the_parents_own_population(rows: list[Row]) -> None:
    spec = SPECS["demo.points-pour-10000"]
    result = run(rows, [spec], GEO)
    expected = oracle(rows, spec, GEO, num=lambda r: 1.0, population="all")
    _check(by_key(result, spec.id), expected, spec, GEO)


@LAWS
@given(rows=rows_strategy)
def test_a_share_and_a_reference_follow_the_same_laws(rows: list[Row]) -> None:
    share, ratio = SPECS["demo.part-recyclee"], SPECS["demo.tonnes-par-foyer"]
    result = run(rows, [SPECS["demo.tonnes"], share, ratio], GEO)

    def recycled(r: Row) -> float:
        return r["tonnes"] if r["type"] in ("verre", "papier") and r["tonnes"] is not None else 0.0

    expected = oracle(
        rows,
        share,
        GEO,
        num=recycled,
        den=lambda r: r["tonnes"],
        keep=lambda r: r["type"] is not None,
    )
    _check(by_key(result, share.id), expected, share, GEO)
    numerators = oracle(
        rows,
        ratio,
        GEO,
        num=lambda r: r["tonnes"],
        keep=lambda r: r["type"] not in (None, "gravats"),
    )
    denominators = oracle(rows, ratio, GEO, num=lambda r: r["foyers"])
    merged = {
        key: (numerators.get(key, (None, None, 0))[0], denominators[key][0], denominators[key][2])
        for key in denominators
    }
    _check(by_key(result, ratio.id), merged, ratio, GEO)


def test_a_parents_rate_is_not_the_average_of_its_childrens_rates() -> None:
    spec = SPECS["demo.kg-par-habitant"]
    small, large = "commune:2A001", "commune:2A004"  # Afa (3,000 inh.) and Ajaccio (70,000)
    rows = [
        {"territoire": small, "periode": "2022", "type": "verre", "tonnes": 300.0},
        {"territoire": large, "periode": "2022", "type": "verre", "tonnes": 3500.0},
    ]
    values = by_key(run(rows, [spec], GEO), spec.id)
    parts = [values[(t, "2022", "verre")] for t in (small, large)]
    region = values[("region:94", "2022", "verre")]
    populations = [GEO.get(t).population or 0 for t in (small, large)]
    assert close(region["valeur"], 3_800_000 / sum(populations))
    average = sum(p["valeur"] for p in parts) / 2
    assert not close(region["valeur"], average, rel=1e-3)
    assert region["contributeurs"] == 2
    assert region["attendus"] == sum(1 for t in GEO if t.level == "commune" and t.region == "94")


@pytest.mark.parametrize("level", ["epci", "departement", "region", "pays"])
def test_coverage_counts_the_geographys_communes(level: str) -> None:
    spec = SPECS["demo.tonnes"]
    communes = [t for t in GEO if t.level == "commune" and t.departement == "2B"]
    rows = [
        {"territoire": t.id, "periode": "2022", "type": "verre", "tonnes": 1.0}
        for t in communes[:40]
    ]
    values = by_key(run(rows, [spec], GEO), spec.id)
    counts = expected_counts(GEO, "commune")
    for (territory, _, _), row in values.items():
        if row["niveau"] != level:
            continue
        members = [t for t in communes[:40] if territory in {a.id for a in GEO.ancestors(t.id)}]
        assert row["contributeurs"] == len(members)
        assert row["attendus"] == counts[territory]
        assert row["numerateur"] == float(len(members))
    assert values[("departement:2B", "2022", "verre")]["attendus"] == len(communes)
