"""ODSQL refusals: malformed text names its token and position; unknown fields, types named."""

from __future__ import annotations

import time

import pytest
from odsql_catalogue import Catalogue

from territoria.query.compiler import compile_records
from territoria.query.errors import ODSQLError
from territoria.query.grammar import parse
from territoria.query.request import RecordsRequest as R


def refusal(catalogue: Catalogue, request: R, slug: str = "subventions") -> ODSQLError:
    with pytest.raises(ODSQLError) as caught:
        catalogue.compile(slug, request)
    error = caught.value
    assert error.code == "ODSQLError" and error.http_status == 400
    assert error.to_dict()["error_code"] == "ODSQLError"
    return error


@pytest.mark.parametrize(
    ("where", "position", "token"),
    [
        ("montant = = 1", 11, "="),
        ("montant > 1 and", 16, ""),
        ("montant > 1 ; drop table x", 13, ";"),
        ("(montant > 1", 13, ""),
        ("nature = 'abc", 10, "'"),
        ("montant in [1..", 16, ""),
    ],
)
def test_malformed_names_token_and_position(
    catalogue: Catalogue, where: str, position: int, token: str
) -> None:
    error = refusal(catalogue, R(where=(where,)))
    assert error.details["position"] == position
    assert error.details["token"] == token
    assert f"position {position}" in error.message_en and f"position {position}" in error.message_fr


def test_unknown_field_is_named(catalogue: Catalogue) -> None:
    for request in (
        R(where=("montant_total > 3",)),
        R(select="montant_total"),
        R(group_by="montant_total"),
        R(order_by="montant_total"),
        R(refine=("montant_total:3",)),
    ):
        error = refusal(catalogue, request)
        assert error.details["token"] == "montant_total"
        assert "montant_total" in error.message_en


@pytest.mark.parametrize(
    "request_",
    [
        R(where=('montant > "abc"',)),
        R(where=("dateconvention > 12",)),
        R(where=("nature > 3",)),
        R(where=("montant like 'a%'",)),
        R(where=("montant",)),
        R(where=("montant + nature > 1",)),
        R(where=("count(*) > 1",)),
        R(select="sum(nature)"),
        R(select="year(montant)"),
        R(select="nature, count(*)"),
        R(select="count(*)", group_by="nature", order_by="montant"),
        R(where=("dateconvention > date'2017-13-45'",)),
        R(where=("notificationue is true and montant is true",)),
        R(refine=("montant:abc",)),
        R(refine=("dateconvention:20x7",)),
        R(timezone="Mars/Olympus"),
        R(lang="klingon"),
        R(select="percentile(montant, 150)"),
        R(group_by="range(montant, -5)"),
        R(select="date_format(dateconvention, 'yyyy-QQ')"),
        R(select="montant as a, nature as a"),
        R(where=("within_distance(nature, geom'POINT(1 2)', 1km)",)),
        R(where=("intersects(nature, geom'POINT(1 2)')",)),
        R(where=("montant > 1e999",)),
        R(select="frobnicate(montant)"),
        R(select="length(nature, nature)"),
        R(select="null in (montant, dateconvention)"),  # found by test_fuzz: DuckDB cast error
        R(where=("montant in (dateconvention, 3)",)),
    ],
)
def test_meaningless_queries_are_refused(catalogue: Catalogue, request_: R) -> None:
    refusal(catalogue, request_)


def test_bad_geometry_literal_is_refused(catalogue: Catalogue) -> None:
    for geom in (
        "geom'POINT(1 2'",
        "geom'CIRCLE(1 2)'",
        'geom\'{"type": "Point"}\'',
        "geom'1; DROP'",
    ):
        refusal(catalogue, R(where=(f"within(geo_point_2d, {geom})",)), slug="fontaines")


def test_limits_before_parsing(catalogue: Catalogue) -> None:
    assert "65536" in refusal(catalogue, R(where=("montant > 1 or " * 6000 + "true",))).message_en
    assert refusal(catalogue, R(where=("(" * 10_000 + "montant > 1" + ")" * 10_000,)))
    assert refusal(catalogue, R(where=("not " * 1_000 + "notificationue",)))
    assert refusal(catalogue, R(select="-" * 1_000 + "montant"))


def test_parse_and_compile_are_fast(catalogue: Catalogue) -> None:
    request = R(
        select="nature, sum(montant) as total, count(*)",
        where=("montant > 100 and dateconvention >= date'2017-01-01' and nature != 'x'",),
        group_by="nature",
        order_by="total desc",
        limit=10,
    )
    fields = catalogue.fields["subventions"]
    from sqlglot import exp

    source = exp.to_table("v_subventions")
    compile_records(request, fields, source)  # build the parser once
    batches: list[float] = []
    for _batch in range(5):  # the best batch: other processes share the machine's cores
        start = time.perf_counter()
        for _ in range(20):
            parse.cache_clear()  # measure the parse too, not the cache of parse trees
            compile_records(request, fields, source)
        batches.append((time.perf_counter() - start) / 20)
    # about 2 ms on a quiet core; the bound leaves room for a machine shared by many jobs
    assert min(batches) < 0.020, f"{min(batches) * 1e3:.2f} ms per query"


def test_brackets_inside_quotes_do_not_count_as_nesting(catalogue: Catalogue) -> None:
    text = "(" * 300
    compiled = catalogue.compile(
        "subventions", R(where=(f"nature = \"{text}\" or nature = '{text}'",))
    )
    assert catalogue.sql(compiled.rows.sql("duckdb")) == []


@pytest.mark.parametrize(
    "request_",
    [
        R(where=("'Paris' in nomattribuant",)),
        R(select="count(*)", group_by="geo_cluster(montant, 5)"),
        R(select="json_format(objet)"),
        R(select="dayofweek(dateconvention)"),
    ],
)
def test_constructs_left_out_say_so(catalogue: Catalogue, request_: R) -> None:
    error = refusal(catalogue, request_)
    assert (
        "not supported yet" in error.message_en and "pas encore pris en charge" in error.message_fr
    )
