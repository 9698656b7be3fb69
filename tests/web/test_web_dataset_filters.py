"""The dataset table's column filters as ODSQL: typed, quoted, and run on DuckDB as the
Explore API runs them — hostile text stays a literal, numbers and dates are compared."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest
from sqlglot import exp

from territoria.query.compiler import compile_records
from territoria.query.fields import fields_for
from territoria.query.request import RecordsRequest
from territoria.services.chart_aggregate import BadChartError, chart_spec
from territoria.services.column_filters import (
    BadFilterError,
    filter_clause,
    order_clause,
    where_clauses,
)

ROWS = pa.table(
    {
        "nom": ["Rue de Rivoli", 'Quai "des" Orfèvres', "Place d'Italie", "x' or 1=1 --"],
        "montant": [10, 25, 40, 5],
        "taux": [0.5, 1.25, 2.0, 0.1],
        "jour": pa.array([19000, 19100, 19200, 19300], pa.date32()),
        "actif": [True, False, True, False],
    }
)
FIELDS = fields_for(ROWS.schema, None)


def _names(filters: dict[str, str], sort: str | None = None) -> list[str]:
    where, refused = where_clauses(FIELDS, filters)
    assert refused == {}
    request = RecordsRequest(where=where, order_by=order_clause(FIELDS, sort), limit=100)
    compiled = compile_records(request, FIELDS, exp.Table(this=exp.to_identifier("rows")))
    con = duckdb.connect()
    con.register("rows", ROWS)
    table = con.execute(compiled.rows.sql("duckdb")).to_arrow_table()
    return [str(v) for v in table.column("nom").to_pylist()]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"nom": "rivoli"}, ["Rue de Rivoli"]),
        ({"nom": 'des"'}, ['Quai "des" Orfèvres']),
        ({"nom": "x' or 1=1 --"}, ["x' or 1=1 --"]),
        ({"nom": '" or true or "'}, []),
        ({"montant": ">= 25"}, ['Quai "des" Orfèvres', "Place d'Italie"]),
        ({"montant": "10..25"}, ["Rue de Rivoli", 'Quai "des" Orfèvres']),
        ({"montant": "40"}, ["Place d'Italie"]),
        ({"taux": "< 1,3"}, ["Rue de Rivoli", 'Quai "des" Orfèvres', "x' or 1=1 --"]),
        ({"jour": "> 2022-04-01"}, ['Quai "des" Orfèvres', "Place d'Italie", "x' or 1=1 --"]),
        ({"actif": "false", "montant": "< 20"}, ["x' or 1=1 --"]),
    ],
)
def test_filters_select_the_rows_they_say(filters: dict[str, str], expected: list[str]) -> None:
    assert _names(filters) == expected


def test_sort_by_a_known_field_only() -> None:
    assert _names({}, "-montant")[0] == "Place d'Italie"
    assert order_clause(FIELDS, "nope") is None
    assert order_clause(FIELDS, "-taux") == "`taux` desc"


def test_values_a_column_cannot_hold_are_refused_with_the_field_named() -> None:
    montant = next(f for f in FIELDS if f.name == "montant")
    with pytest.raises(BadFilterError, match="montant"):
        filter_clause(montant, ">= dix")
    _, refused = where_clauses(FIELDS, {"jour": "2024-13", "actif": "peut-être"})
    assert set(refused) == {"jour", "actif"}
    jour = next(f for f in FIELDS if f.name == "jour")
    with pytest.raises(BadFilterError, match=r"une date .* attendue, « 2024-13-45 » reçu"):
        filter_clause(jour, "2024-13-45")
    assert filter_clause(montant, "  ") is None


def test_chart_clauses_are_checked_against_the_fields() -> None:
    spec = chart_spec(FIELDS, "actif", "sum", "montant", "pie")
    assert (spec.select, spec.group_by, spec.order_by) == (
        "sum(`montant`) as value",
        "`actif` as key",
        "value desc",
    )
    with pytest.raises(BadChartError):
        chart_spec(FIELDS, "actif", "avg", "nom", "bar")
    with pytest.raises(BadChartError):
        chart_spec(FIELDS, "nope", "count", None, "bar")
