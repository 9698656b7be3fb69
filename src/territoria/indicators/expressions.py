"""Measure expressions (``expr:``): parsed with sqlglot, allowed only a whitelist of nodes."""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from territoria.engine.sql import column

ALLOWED_NODES: frozenset[type[exp.Expression]] = frozenset(
    {
        exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.Paren,
        exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.Neg, exp.Case, exp.If,
        exp.Coalesce, exp.Nullif, exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE,
        exp.Is, exp.In, exp.Between, exp.And, exp.Or, exp.Not, exp.Cast, exp.TryCast,
        exp.DataType, exp.Abs, exp.Round, exp.Greatest, exp.Least,
    }
)  # fmt: skip
"""Columns, literals, arithmetic, CASE, COALESCE, NULLIF, comparisons, AND/OR/NOT, a few
numeric functions (ABS, ROUND, GREATEST, LEAST), casts to numbers."""

NUMERIC_TYPES = frozenset(
    {
        exp.DataType.Type.TINYINT, exp.DataType.Type.SMALLINT, exp.DataType.Type.INT,
        exp.DataType.Type.BIGINT, exp.DataType.Type.FLOAT, exp.DataType.Type.DOUBLE,
        exp.DataType.Type.DECIMAL,
    }
)  # fmt: skip


class ExpressionError(ValueError):
    """An ``expr:`` that does not parse or leaves the whitelist (messages fr, en)."""

    def __init__(self, message_fr: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_fr = message_fr
        self.message_en = message_en


def parse_expr(text: str) -> exp.Expression:
    """The whitelisted tree of ``text``, its columns quoted; raises :class:`ExpressionError`."""
    try:
        parsed = sqlglot.parse_one(text, read="duckdb")
    except SqlglotError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ExpressionError(
            f"expression illisible : {first}", f"unreadable expression: {first}"
        ) from exc
    if not isinstance(parsed, exp.Expression):
        raise ExpressionError("expression illisible", "unreadable expression")
    tree: exp.Expression = parsed
    problems = violations(tree)
    if problems:
        listed = ", ".join(problems[:5])
        raise ExpressionError(
            f"expression non autorisée ({listed}) : seules colonnes, constantes, arithmétique, "
            "CASE, COALESCE, NULLIF, comparaisons, AND/OR/NOT, ABS, ROUND, GREATEST, LEAST et "
            "CAST en nombre sont permis",
            f"expression not allowed ({listed}): only columns, literals, arithmetic, CASE, "
            "COALESCE, NULLIF, comparisons, AND/OR/NOT, ABS, ROUND, GREATEST, LEAST and CAST "
            "to a number are allowed",
        )
    return tree.transform(_quote_column)


def columns_of(tree: exp.Expression) -> list[str]:
    """The column names ``tree`` reads, in order of appearance, each once."""
    return list(dict.fromkeys(node.name for node in tree.find_all(exp.Column)))


def violations(tree: exp.Expression) -> list[str]:
    """What in ``tree`` is outside the whitelist (empty when allowed)."""
    found: list[str] = []
    for node in tree.walk():
        if type(node) not in ALLOWED_NODES:
            found.append(type(node).__name__.upper())
        elif isinstance(node, exp.Column) and (node.table or not node.name):
            found.append(f"colonne qualifiée/qualified column {node.sql()}")
        elif isinstance(node, (exp.Cast, exp.TryCast)) and node.to.this not in NUMERIC_TYPES:
            found.append(f"CAST AS {node.to.sql()}")
    return list(dict.fromkeys(found))


def _quote_column(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Column):
        return column(node.name)
    return node
