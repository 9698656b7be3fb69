"""The dataset page's table: filters, sort and page read from the URL, one records page.

``?f.<field>=…`` filters a column, ``?sort=<field>`` (``-<field>`` descending) sorts,
``?page=N`` pages by :data:`PAGE_SIZE`; the page is one request to the query service the
Explore API uses, so it costs what the API's records page costs (cached, indexed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from territoria.errors import UserError
from territoria.query.fields import QueryField
from territoria.query.request import MAX_RECORDS_WINDOW, RecordsRequest
from territoria.services.column_filters import (
    BadFilterError,
    filter_kind,
    order_clause,
    where_clauses,
)
from territoria.services.querying import QueryService, VersionHandle

PAGE_SIZE = 20
LAST_PAGE = MAX_RECORDS_WINDOW // PAGE_SIZE
FILTER_PREFIX = "f."


@dataclass(frozen=True)
class TableQuery:
    """What the URL asks of the table, and the ODSQL clauses it makes."""

    filters: dict[str, str]
    sort: str | None
    page: int
    where: tuple[str, ...] = ()
    order_by: str | None = None
    refused: dict[str, BadFilterError] = field(default_factory=dict)

    def request(self) -> RecordsRequest:
        """The records request of the page shown."""
        return RecordsRequest(
            where=self.where,
            order_by=self.order_by,
            limit=PAGE_SIZE,
            offset=(self.page - 1) * PAGE_SIZE,
        )


def error_text(error: UserError, lang: str) -> str:
    """The message of ``error`` in ``lang``."""
    return error.message_fr if lang == "fr" else error.message_en


def _page(raw: str | None) -> int:
    if raw is None or raw.strip() == "":
        return 1
    if not raw.strip().isdigit() or not 1 <= int(raw) <= LAST_PAGE:
        raise UserError(
            f"Page invalide : « {raw} » (de 1 à {LAST_PAGE} ; filtrez pour aller plus loin).",
            f"Invalid page: '{raw}' (1 to {LAST_PAGE}; filter to go further).",
        )
    return int(raw)


def table_query(request: Request, fields: list[QueryField]) -> TableQuery:
    """The filters, sort and page of ``request`` checked against ``fields``."""
    params = request.query_params
    filters = {
        key.removeprefix(FILTER_PREFIX): value
        for key, value in params.items()
        if key.startswith(FILTER_PREFIX) and value.strip()
    }
    sort = params.get("sort") or None
    where, refused = where_clauses(fields, filters)
    order_by = order_clause(fields, sort)
    return TableQuery(filters, sort if order_by else None, _page(params.get("page")),
                      where, order_by, refused)  # fmt: skip


def _pages(current: int, total: int) -> list[int | None]:
    """Page numbers to link: first, last, and two around ``current`` (None a gap)."""
    last = max(1, min(LAST_PAGE, -(-total // PAGE_SIZE)))
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and out[-1] is not None and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out


def table_context(
    queries: QueryService, handle: VersionHandle, query: TableQuery
) -> dict[str, Any]:
    """The columns (with their filter kind and sort state), the records page and its paging."""
    result = queries.run_records(handle, query.request())
    columns = [
        {
            "field": f,
            "kind": filter_kind(f),
            "value": query.filters.get(f.name, ""),
            "error": query.refused.get(f.name),
            "sorted": (
                "asc" if query.sort == f.name else "desc" if query.sort == "-" + f.name else None
            ),
        }
        for f in handle.fields
    ]
    first = (query.page - 1) * PAGE_SIZE
    return {
        "columns": columns,
        "result": result,
        "total": result.total_count,
        "first": first + 1 if result.table.num_rows else 0,
        "last_row": first + result.table.num_rows,
        "pages": _pages(query.page, result.total_count),
        "page": query.page,
        "filtered": bool(query.where),
    }
