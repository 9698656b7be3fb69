"""One sqlglot expression renders for DuckDB now and for Spark later."""

from __future__ import annotations

from sqlglot import exp

from territoria.engine import sql


def _query() -> exp.Select:
    return sql.select_version(
        "communes v1",
        ["code commune", "nom"],
        where=sql.all_of(sql.equals("nom", "L'Haÿ-les-Roses"), sql.equals("dep", None)),
        order_by=[("nom", False), ("code commune", True)],
        limit=10,
        offset=20,
    )


def test_renders_for_duckdb() -> None:
    assert _query().sql(dialect="duckdb") == (
        'SELECT "code commune", "nom" FROM "communes v1" '
        """WHERE "nom" = 'L''Haÿ-les-Roses' AND "dep" IS NULL """
        'ORDER BY "nom" ASC, "code commune" DESC LIMIT 10 OFFSET 20'
    )


def test_renders_for_spark() -> None:
    assert _query().sql(dialect="spark") == (
        "SELECT `code commune`, `nom` FROM `communes v1` "
        "WHERE `nom` = 'L\\'Haÿ-les-Roses' AND `dep` IS NULL "
        "ORDER BY `nom` ASC NULLS LAST, `code commune` DESC LIMIT 10 OFFSET 20"
    )


def test_star_and_count() -> None:
    assert sql.select_version("v").sql(dialect="duckdb") == 'SELECT * FROM "v"'
    assert sql.count_rows("v").sql(dialect="spark") == "SELECT COUNT(*) AS `count` FROM `v`"


def test_identifiers_cannot_escape_their_quotes() -> None:
    rendered = sql.select_version('x" FROM secrets --', ['a"b']).sql(dialect="duckdb")
    assert rendered == 'SELECT "a""b" FROM "x"" FROM secrets --"'
