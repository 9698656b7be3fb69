"""Facets: value counts under the request's filters, dates by year, month or day as refined."""

from __future__ import annotations

import pytest
from odsql_catalogue import Catalogue
from sqlglot import exp

from territoria.query.compiler import compile_facets, compile_where
from territoria.query.errors import ODSQLError
from territoria.query.request import RecordsRequest as R


def facets(
    catalogue: Catalogue, names: list[str], request: R, limit: int | None = None
) -> dict[str, list[tuple[object, ...]]]:
    queries = compile_facets(
        names, request, catalogue.fields["subventions"], exp.to_table("v_subventions"), limit
    )
    return {name: catalogue.sql(query.sql("duckdb")) for name, query in queries}


def test_text_and_boolean_facets_count_values(catalogue: Catalogue) -> None:
    got = facets(
        catalogue,
        ["nomattribuant", "notificationue", "montant"],
        R(where=("montant > 300",)),
        limit=5,
    )
    for name, column in (
        ("nomattribuant", '"nomAttribuant"'),
        ("notificationue", '"notificationUE"'),
        ("montant", "montant"),
    ):
        expected = catalogue.sql(
            f"SELECT {column}, count(*) c FROM v_subventions "
            f"WHERE montant > 300 AND {column} IS NOT NULL GROUP BY 1 ORDER BY c DESC, 1 LIMIT 5"
        )
        assert got[name] == expected and expected


@pytest.mark.parametrize(
    ("refine", "pattern", "condition"),
    [
        ((), "%Y", "true"),
        (("dateconvention:2017",), "%Y/%m", "year(dateConvention) = 2017"),
        (("dateconvention:2017/04",), "%Y/%m/%d", "strftime(dateConvention, '%Y-%m') = '2017-04'"),
    ],
)
def test_date_facets_go_down_one_level_per_refine(
    catalogue: Catalogue, refine: tuple[str, ...], pattern: str, condition: str
) -> None:
    got = facets(catalogue, ["dateconvention"], R(refine=refine))["dateconvention"]
    expected = catalogue.sql(
        f"SELECT strftime(dateConvention, '{pattern}') v, count(*) c FROM v_subventions "
        f"WHERE {condition} AND dateConvention IS NOT NULL GROUP BY v ORDER BY c DESC, v"
    )
    assert got == expected and expected


def test_facets_honour_refine_and_exclude(catalogue: Catalogue) -> None:
    request = R(exclude=("nomattribuant:COMMUNE DE ROQUES",))
    got = facets(catalogue, ["nomattribuant"], request)["nomattribuant"]
    assert [value for value, _count in got] == ["COMMUNAUTE D AGGLOMERATION DU SICOVAL"]
    where = compile_where(request, catalogue.fields["subventions"], exp.to_table("v_subventions"))
    assert where is not None
    count = catalogue.sql(f"SELECT count(*) FROM v_subventions WHERE {where.sql('duckdb')}")[0][0]
    assert got[0][1] == count


def test_geo_facet_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(ODSQLError):
        compile_facets(
            ["geo_point_2d"], R(), catalogue.fields["fontaines"], exp.to_table("v_fontaines")
        )
    with pytest.raises(ODSQLError):
        facets(catalogue, ["no_such_field"], R())
