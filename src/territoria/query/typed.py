"""Typed: a sqlglot node with its Opendatasoft type, and the scope a clause compiles in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from territoria.query.errors import ODSQLError, invalid, unknown_field
from territoria.query.fields import QueryField

NUMERIC = frozenset({"int", "double"})
TEMPORAL = frozenset({"date", "datetime"})
GEO = frozenset({"geo_point_2d", "geo_shape", "geometry"})
NO_VALUE = object()


@dataclass(frozen=True)
class Typed:
    """A compiled ODSQL expression.

    ``type`` is an ODS type, or ``geometry`` (a ``geom'…'`` literal, already a DuckDB
    GEOMETRY), ``null``, ``quantity`` (``10km``, ``1 day``); ``value`` keeps a literal's Python
    value so comparisons can check and convert it; ``field`` the field a bare reference names;
    ``raw`` the stored (UTC) column of a datetime field, before its time-zone conversion;
    ``display`` what a group key shows when it differs from what it groups and sorts by
    (``range()`` buckets group by their start and show ``[start, end[``).
    """

    node: exp.Expression
    type: str
    aggregate: bool = False
    value: Any = NO_VALUE
    field: QueryField | None = None
    raw: exp.Expression | None = None
    display: exp.Expression | None = None

    @property
    def is_literal(self) -> bool:
        return self.value is not NO_VALUE


@dataclass
class Scope:
    """What a clause may name: the dataset's fields, the query's aliases, the time zone."""

    clause: str
    fields: dict[str, QueryField]
    timezone: str = "UTC"
    lang: str = "fr"
    aliases: dict[str, Typed] = field(default_factory=dict)
    allow_aggregates: bool = False

    @classmethod
    def of(
        cls, clause: str, fields: Sequence[QueryField], timezone: str, lang: str | None = None
    ) -> Scope:
        named = {f.name: f for f in fields}
        return cls(clause=clause, fields=named, timezone=timezone, lang=(lang or "fr").lower())

    def field_named(self, name: str) -> QueryField:
        found = self.fields.get(name)
        if found is None:
            raise unknown_field(self.clause, name, sorted(self.fields))
        return found

    def error(self, message_fr: str, message_en: str, token: str | None = None) -> ODSQLError:
        return invalid(self.clause, message_fr, message_en, token)


def column(field_: QueryField) -> exp.Column:
    """The stored column of a field, always a quoted identifier (never SQL text)."""
    return exp.Column(this=exp.to_identifier(field_.column, quoted=True))


def literal(value: Any) -> exp.Expression:
    """A Python str/int/float/bool/None as a sqlglot literal node."""
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        node: exp.Expression = exp.Literal.number(
            repr(abs(value)) if isinstance(value, float) else str(abs(value))
        )
        return exp.Neg(this=node) if value < 0 else node
    return exp.Literal.string(str(value))
