"""Hypothesis: generated where-clauses and group-bys equal their hand-built DuckDB SQL twins."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odsql_catalogue import Catalogue

from territoria.query.errors import ODSQLError
from territoria.query.request import RecordsRequest as R

Pair = tuple[str, str]  # (ODSQL, DuckDB SQL)
# ODS name, stored column (quoted SQL), kind
FIELDS = {
    "subventions": [
        ("montant", '"montant"', "number"),
        ("dateconvention", '"dateConvention"', "date"),
        ("nomattribuant", '"nomAttribuant"', "text"),
        ("nombeneficiaire", '"nomBeneficiaire"', "text"),
        ("notificationue", '"notificationUE"', "boolean"),
        ("idrae", '"idRAE"', "text"),
    ],
    "fontaines": [
        ("commune", '"Commune"', "text"),
        ("type_objet", '"Type Objet"', "text"),
        ("disponibilite", '"Disponibilité"', "boolean"),
        ("n_voie_impair", '"N° Voie Impair"', "text"),
    ],
}
PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _quote(text: str) -> tuple[str, str]:
    odsql = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return odsql, "'" + text.replace("'", "''") + "'"


def _values(catalogue: Catalogue, slug: str, column: str) -> list[Any]:
    rows = catalogue.sql(
        f"SELECT DISTINCT {column} FROM v_{slug} WHERE {column} IS NOT NULL ORDER BY 1 LIMIT 40"
    )
    return [r[0] for r in rows]


def _atom(draw: st.DrawFn, catalogue: Catalogue, slug: str) -> Pair:
    name, column, kind = draw(st.sampled_from(FIELDS[slug]))
    values = _values(catalogue, slug, column)
    if kind == "boolean":
        form = draw(st.sampled_from(["bare", "is true", "is false", "= true"]))
        if form == "bare":
            return name, column
        return f"{name} {form}", f"{column} {form.upper()}"
    if draw(st.booleans()) and draw(st.booleans()):
        negated = draw(st.booleans())
        word = "is not null" if negated else "is null"
        return f"{name} {word}", f"{column} {word.upper()}"
    if kind == "text":
        value = draw(
            st.sampled_from(values)
            if values and draw(st.booleans())
            # a lone surrogate is refused by the compiler ("forbidden character"), by design
            else st.text(_TEXT_CHARACTERS, max_size=6)
        )
        odsql, sql = _quote(value)
        form = draw(st.sampled_from(["=", "!=", "in", "like", "search", "startswith"]))
        if form == "in":
            other_odsql, other_sql = _quote(draw(st.sampled_from(values)) if values else "x")
            return f"{name} in ({odsql}, {other_odsql})", f"{column} IN ({sql}, {other_sql})"
        if form == "like":  # Opendatasoft: the field contains every word, * a wildcard
            part = value[: draw(st.integers(0, 6))].replace("%", "").replace("_", "")
            pattern = part + draw(st.sampled_from(["", "*"]))
            odsql, _sql = _quote(pattern)
            words = [w.replace("*", "%") for w in pattern.split()] or ["%"]
            folded = f"lower(strip_accents({column}))"
            tests = [
                f"coalesce({folded} LIKE lower(strip_accents({_quote('%' + w + '%')[1]})), false)"
                for w in words
            ]
            if not pattern.split():
                tests = ["true"]
            return f"{name} like {odsql}", "(" + " AND ".join(tests) + ")"
        if form == "startswith":  # the whole text, case-sensitive
            return f"startswith({name}, {odsql})", f"coalesce(starts_with({column}, {sql}), false)"
        if form == "search":  # one word, so the last one: a prefix of a word of the value
            word = (re.findall(r"[a-z0-9]+", value.lower()) or [""])[0][:4]
            if not word:
                return f"{name} = {odsql}", f"{column} = {sql}"
            w_odsql, _w_sql = _quote(word)
            folded = f"lower(strip_accents({column}))"
            spaced = f"' ' || regexp_replace({folded}, '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')"
            return f"search({name}, {w_odsql})", f"coalesce(contains({spaced}, ' {word}'), false)"
        return f"{name} {form} {odsql}", f"{column} {'<>' if form == '!=' else form} {sql}"
    op = draw(st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "range"]))
    if kind == "number":
        low, high = sorted(draw(st.sampled_from(values)) for _ in range(2))
        render = (lambda v: repr(float(v)), lambda v: repr(float(v)))
    else:
        low, high = sorted(draw(st.sampled_from(values)) for _ in range(2))
        render = (lambda v: f"date'{v.isoformat()}'", lambda v: f"DATE '{v.isoformat()}'")
    if op == "range":
        opening, closing = draw(st.sampled_from("[]")), draw(st.sampled_from("[]"))
        lower = ">=" if opening == "[" else ">"
        upper = "<=" if closing == "]" else "<"
        return (
            f"{name} in {opening}{render[0](low)}..{render[0](high)}{closing}",
            f"({column} {lower} {render[1](low)} AND {column} {upper} {render[1](high)})",
        )
    return (
        f"{name} {op} {render[0](low)}",
        f"{column} {'<>' if op == '!=' else op} {render[1](low)}",
    )


_TEXT_CHARACTERS = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))


def _where(draw: st.DrawFn, catalogue: Catalogue, slug: str, depth: int = 0) -> Pair:
    if depth >= 2 or draw(st.integers(0, 2)) == 0:
        return _atom(draw, catalogue, slug)
    form = draw(st.sampled_from(["and", "or", "not"]))
    if form == "not":
        odsql, sql = _where(draw, catalogue, slug, depth + 1)
        return f"not ({odsql})", f"NOT coalesce(({sql}), false)"
    left, right = _where(draw, catalogue, slug, depth + 1), _where(draw, catalogue, slug, depth + 1)
    return f"({left[0]}) {form} ({right[0]})", f"({left[1]}) {form.upper()} ({right[1]})"


@pytest.mark.slow
@pytest.mark.parametrize("slug", sorted(FIELDS))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_generated_where_equals_hand_sql(
    catalogue: Catalogue, slug: str, data: st.DataObject
) -> None:
    odsql, sql = data.draw(st.composite(lambda draw: _where(draw, catalogue, slug))())
    key = FIELDS[slug][0][1]
    try:
        got = catalogue.run(slug, R(select=FIELDS[slug][0][0], where=(odsql,)))
    except ODSQLError as error:  # only refusals are allowed, and none of these should be
        pytest.fail(f"{odsql!r} refused: {error}")
    expected = catalogue.sql(f"SELECT {key} FROM v_{slug} WHERE {sql}")
    assert sorted(got, key=repr) == sorted(expected, key=repr), odsql


GROUP_KEYS: list[Pair] = [
    ("nomattribuant", '"nomAttribuant"'),
    ("nature", '"nature"'),
    ("year(dateconvention)", 'year("dateConvention")'),
    ("month(dateconvention)", 'month("dateConvention")'),
    ("date_format(dateconvention, 'yyyy-MM')", "strftime(\"dateConvention\", '%Y-%m')"),
    ("notificationue", '"notificationUE"'),
]
AGGREGATES: list[Pair] = [
    ("count(*)", "count(*)"),
    ("sum(montant)", 'sum("montant")'),
    ("max(montant)", 'max("montant")'),
    ("min(dateconvention)", 'min("dateConvention")'),
    ("count(distinct nombeneficiaire)", 'count(DISTINCT "nomBeneficiaire")'),
    ("avg(montant)", 'avg("montant")'),
]


@pytest.mark.slow
@PROPERTY_SETTINGS
@given(
    keys=st.lists(st.sampled_from(GROUP_KEYS), min_size=1, max_size=3, unique=True),
    aggregates=st.lists(st.sampled_from(AGGREGATES), min_size=1, max_size=3, unique=True),
    step=st.sampled_from([None, 500, 1000, 5000]),
    data=st.data(),
)
def test_generated_group_by_equals_hand_sql(
    catalogue: Catalogue,
    keys: list[Pair],
    aggregates: list[Pair],
    step: int | None,
    data: st.DataObject,
) -> None:
    if step is not None:
        start = f'floor("montant" / {step}) * {step}'
        label = (
            f"'[' || CAST(CAST({start} AS BIGINT) AS VARCHAR) || ', ' "
            f"|| CAST(CAST({start} + {step} AS BIGINT) AS VARCHAR) || '['"
        )
        keys = [*keys, (f"range(montant, {step})", label)]
    where = data.draw(st.composite(lambda draw: _where(draw, catalogue, "subventions"))())
    request = R(
        select=", ".join(a[0] for a in aggregates),
        group_by=", ".join(k[0] for k in keys),
        where=(where[0],),
    )
    got = catalogue.run("subventions", request)
    columns = ", ".join([k[1] for k in keys] + [a[1] for a in aggregates])
    groups = ", ".join(str(i + 1) for i in range(len(keys)))
    expected = catalogue.sql(
        f"SELECT {columns} FROM v_subventions WHERE {where[1]} GROUP BY {groups}"
    )
    assert sorted(got, key=repr) == sorted(expected, key=repr), request
