"""A chart of a dataset: rows grouped by a field, an aggregate per group, as ODS clauses.

What the portal's chart builder asks — group by this field, count the rows or sum/average a
numeric field, draw bars, a line or a pie — becomes the Explore API's ``select`` and
``group_by`` (``key`` and ``value`` columns), so the page's script fetches the very request
the server answers without JavaScript. Bars and pies keep the largest groups, a line the
groups in their own order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from territoria.errors import UserError
from territoria.query.fields import QueryField, field_named
from territoria.query.request import RecordsRequest

AGGREGATES = ("count", "sum", "avg")
CHART_TYPES = ("bar", "line", "pie")
GROUPABLE_TYPES = frozenset({"text", "int", "double", "date", "datetime", "boolean"})
NUMERIC_TYPES = frozenset({"int", "double"})
MAX_GROUPS = {"bar": 30, "pie": 12, "line": 500}
"""Groups drawn at most per chart type (a pie of 50 slices reads as noise)."""


class BadChartError(UserError):
    """A chart over a field the dataset lacks, or a sum of a field that holds no numbers."""

    code = "bad-chart"
    http_status = 400


@dataclass(frozen=True)
class ChartSpec:
    """Group by ``by``; ``aggregate`` of ``field`` (None for a count); drawn as ``kind``."""

    by: str
    aggregate: str
    field: str | None
    kind: str

    @property
    def select(self) -> str:
        """The ODSQL ``select`` of the aggregate, named ``value``."""
        if self.aggregate == "count" or self.field is None:
            return "count(*) as value"
        return f"{self.aggregate}(`{self.field}`) as value"

    @property
    def group_by(self) -> str:
        """The ODSQL ``group_by``, the group named ``key``."""
        return f"`{self.by}` as key"

    @property
    def order_by(self) -> str:
        """Largest groups first for bars and pies, the groups' order for a line."""
        return "key asc" if self.kind == "line" else "value desc"

    @property
    def limit(self) -> int:
        """Groups asked of the API."""
        return MAX_GROUPS[self.kind]

    def request(self, where: Sequence[str] = ()) -> RecordsRequest:
        """The grouped records request of this chart under the table's filters."""
        return RecordsRequest(
            select=self.select,
            where=tuple(where),
            group_by=self.group_by,
            order_by=self.order_by,
            limit=self.limit,
        )


def groupable(fields: Sequence[QueryField]) -> list[QueryField]:
    """Fields a chart may group by (no geometry, no JSON)."""
    return [f for f in fields if f.type in GROUPABLE_TYPES]


def numeric(fields: Sequence[QueryField]) -> list[QueryField]:
    """Fields a chart may sum or average."""
    return [f for f in fields if f.type in NUMERIC_TYPES]


def chart_spec(
    fields: Sequence[QueryField], by: str, aggregate: str, field: str | None, kind: str
) -> ChartSpec:
    """The chart asked, checked against the dataset's fields (:class:`BadChartError`)."""
    grouped = field_named(groupable(fields), by)
    if grouped is None:
        raise BadChartError(
            f"Graphique : champ de regroupement inconnu « {by} ».",
            f"Chart: unknown field to group by '{by}'.",
            details={"by": by},
        )
    if aggregate not in AGGREGATES or kind not in CHART_TYPES:
        raise BadChartError(
            f"Graphique : agrégat ({', '.join(AGGREGATES)}) ou type "
            f"({', '.join(CHART_TYPES)}) inconnu.",
            f"Chart: unknown aggregate ({', '.join(AGGREGATES)}) or type "
            f"({', '.join(CHART_TYPES)}).",
            details={"aggregate": aggregate, "type": kind},
        )
    if aggregate != "count" and field_named(numeric(fields), field or "") is None:
        raise BadChartError(
            "Graphique : une somme ou une moyenne porte sur un champ numérique.",
            "Chart: a sum or an average needs a numeric field.",
            details={"field": field},
        )
    return ChartSpec(by, aggregate, field if aggregate != "count" else None, kind)
