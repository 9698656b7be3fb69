"""The last gate: a compiled query holds only whitelisted node kinds, known columns, one source."""

from __future__ import annotations

from collections.abc import Collection

from sqlglot import exp

from territoria.errors import InternalError

ALLOWED_NODES: frozenset[type[exp.Expression]] = frozenset(
    {
        exp.Select, exp.From, exp.Where, exp.Group, exp.Order, exp.Ordered, exp.Limit,
        exp.Offset, exp.Subquery, exp.TableAlias, exp.Alias, exp.Column, exp.Identifier,
        exp.Star, exp.Literal, exp.Boolean, exp.Null, exp.Paren, exp.And, exp.Or, exp.Not,
        exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE, exp.Is, exp.In, exp.ILike, exp.Like,
        exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.Neg, exp.Cast, exp.TryCast,
        exp.DataType, exp.Count, exp.Distinct, exp.Sum, exp.Avg, exp.Min, exp.Max,
        exp.Median, exp.Length, exp.Lower, exp.Upper, exp.Coalesce, exp.Extract, exp.Var,
        exp.TimeToStr, exp.StartsWith, exp.Trim, exp.Struct, exp.PropertyEQ, exp.Case,
        exp.If, exp.Floor, exp.Interval, exp.Anonymous, exp.Nullif, exp.DPipe, exp.Array,
        exp.Lambda,
    }
)  # fmt: skip
"""Every sqlglot node class a compiled query may contain."""

ALLOWED_FUNCTIONS = frozenset(
    {
        "timezone", "strip_accents", "contains", "quantile_cont", "time_bucket", "split_part",
        "try", "regexp_replace", "string_split_regex", "list_contains", "levenshtein",
        "list_transform", "list_bool_or", "isodow", "list_extract", "right", "hash", "st_point",
        "st_geomfromgeojson", "st_geomfromtext",
        "st_shortestline", "st_startpoint", "st_endpoint", "st_flipcoordinates",
        "st_distance_sphere",
        "st_makeenvelope", "st_intersects", "st_within", "st_disjoint", "st_extent_agg",
        "st_convexhull", "st_union_agg", "st_asgeojson",
    }
)  # fmt: skip
"""The functions called by name (``exp.Anonymous``) a compiled query may use."""


def violations(
    query: exp.Expression, source: exp.Expression, columns: Collection[str] | None = None
) -> list[str]:
    """What in ``query`` breaks the whitelist (empty when safe); ``source`` is not inspected."""
    found: list[str] = []
    allowed = None if columns is None else set(columns)
    stack: list[exp.Expression] = [query]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is type(source) and node == source:
            continue
        if kind not in ALLOWED_NODES and not isinstance(node, exp.DataType):
            found.append(f"node {kind.__name__}")
        if isinstance(node, exp.Anonymous) and str(node.this).lower() not in ALLOWED_FUNCTIONS:
            found.append(f"function {node.this}")
        if isinstance(node, exp.Table):
            found.append(f"table {node.sql()}")
        if isinstance(node, exp.Lambda) and allowed is not None:  # its variables, seen before
            allowed.update(str(v.name) for v in node.expressions)  # the body (depth first)
        if allowed is not None and isinstance(node, exp.Column) and node.name not in allowed:
            found.append(f"column {node.name}")
        stack.extend(node.iter_expressions())
    return found


def check(
    query: exp.Expression, source: exp.Expression, columns: Collection[str] | None = None
) -> None:
    """Raise InternalError (a bug of ours, never user input) if ``query`` is not safe."""
    problems = violations(query, source, columns)
    if problems:
        raise InternalError("compiled ODSQL outside the whitelist: " + ", ".join(problems[:5]))
