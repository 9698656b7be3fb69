"""The query parameters of the Explore API, checked with Opendatasoft's limits and messages.

``limit`` and ``offset`` arrive as text so that a bad value gets Opendatasoft's own sentence
(``Invalid value for limit API parameter: 101 was found but -1 <= limit <= 100 is
expected.``) rather than a generic validation error. ``-1`` means "as many as allowed", as on
Opendatasoft. The limits themselves live once, in :mod:`territoria.query.request`.
"""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Query

from territoria.api.explore_v21.errors import bad_parameter
from territoria.query.request import (
    DEFAULT_RECORDS_LIMIT,
    MAX_GROUP_BY_RESULTS,
    MAX_RECORDS_LIMIT,
    MAX_RECORDS_WINDOW,
    RecordsRequest,
)

Select = Annotated[str | None, Query(description="ODSQL `select`: fields, expressions, aliases.")]
Where = Annotated[
    list[str], Query(description="ODSQL `where`; several are ANDed, as on Opendatasoft.")
]
GroupBy = Annotated[str | None, Query(description="ODSQL `group_by`.")]
OrderBy = Annotated[str | None, Query(description="ODSQL `order_by` (`field desc`, …).")]
Limit = Annotated[
    str | None, Query(description="Rows to return: default 10, at most 100 (20,000 grouped).")
]
Offset = Annotated[str | None, Query(description="Rows to skip; offset + limit ≤ 10,000.")]
Refine = Annotated[list[str], Query(description="Facet refinement `field:value` (repeatable).")]
Exclude = Annotated[list[str], Query(description="Facet exclusion `field:value` (repeatable).")]
Lang = Annotated[str | None, Query(description="Language of the answer (fr, en…).")]
Timezone = Annotated[
    str, Query(description="Time zone datetimes are shown in (IANA name, default UTC).")
]
Flag = Annotated[str | None, Query(description="`true` or `false`.")]


def parse_int(name: str, raw: str | None) -> int | None:
    """``raw`` as an integer, None when absent; 400 as Opendatasoft when it is no integer."""
    if raw is None or raw.strip() == "":
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise bad_parameter(name, raw, "an integer") from None


def parse_flag(name: str, raw: str | None, default: bool) -> bool:
    """``true``/``false`` (also ``1``/``0``, ``yes``/``no``) as Opendatasoft reads booleans."""
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise bad_parameter(name, raw, "true or false")


def check_timezone(raw: str) -> str:
    """An IANA time zone name (``Europe/Paris``); 400 for a name the tz database lacks."""
    name = raw.strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise bad_parameter("timezone", raw, "a time zone name such as Europe/Paris") from None
    return name


def page_window(limit_raw: str | None, offset_raw: str | None, *, grouped: bool) -> tuple[int, int]:
    """``(limit, offset)`` of a records or catalogue page, within Opendatasoft's bounds:
    ``-1 <= limit <= 100`` (20,000 with ``group_by``), ``offset >= 0``, and
    ``offset + limit <= 10,000`` (20,000 grouped)."""
    ceiling = MAX_GROUP_BY_RESULTS if grouped else MAX_RECORDS_LIMIT
    window = MAX_GROUP_BY_RESULTS if grouped else MAX_RECORDS_WINDOW
    limit = parse_int("limit", limit_raw)
    offset = parse_int("offset", offset_raw) or 0
    if offset < 0:
        raise bad_parameter("offset", offset, "0 <= offset")
    if limit is None:
        limit = DEFAULT_RECORDS_LIMIT
    if limit < -1 or limit > ceiling:
        raise bad_parameter("limit", limit, f"-1 <= limit <= {ceiling}")
    if limit == -1:
        limit = max(0, min(ceiling, window - offset))
    if offset + limit > window:
        raise bad_parameter("offset", offset, f"offset + limit <= {window} (here limit = {limit})")
    return limit, offset


def export_limit(limit_raw: str | None) -> int | None:
    """The ``limit`` of an export: None (every row) when absent or ``-1``, else ``>= 0``."""
    limit = parse_int("limit", limit_raw)
    if limit is None or limit == -1:
        return None
    if limit < -1:
        raise bad_parameter("limit", limit, "-1 <= limit")
    return limit


def facet_spec(spec: str) -> str:
    """``field:"value"`` (as portals' URLs quote it) as ``field:value``; unquoted kept."""
    name, sep, value = spec.partition(":")
    text = value.strip()
    if sep and len(text) >= 2 and text[0] == text[-1] == '"':
        return f"{name}:{text[1:-1]}"
    return spec


def records_request(
    *,
    select: str | None,
    where: list[str],
    group_by: str | None,
    order_by: str | None,
    limit: int | None,
    offset: int,
    refine: list[str],
    exclude: list[str],
    lang: str | None,
    timezone: str,
) -> RecordsRequest:
    """The :class:`RecordsRequest` of one call, blank clauses dropped."""
    return RecordsRequest(
        select=select if select and select.strip() else None,
        where=tuple(w for w in where if w.strip()),
        group_by=group_by if group_by and group_by.strip() else None,
        order_by=order_by if order_by and order_by.strip() else None,
        limit=limit,
        offset=offset,
        refine=tuple(facet_spec(r) for r in refine if r.strip()),
        exclude=tuple(facet_spec(e) for e in exclude if e.strip()),
        lang=lang or None,
        timezone=check_timezone(timezone),
    )
