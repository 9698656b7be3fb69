"""How datastore answers look: cells as CKAN's JSON, records as objects, lists or CSV text,
``_links`` to this page and the next (relative, as CKAN gives them)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from typing import Any
from urllib.parse import urlencode


def json_value(value: Any) -> Any:
    """A cell as CKAN's JSON shows it (dates and times in ISO 8601)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def records(rows: list[dict[str, Any]], shown: list[str], fmt: str) -> Any:
    """``rows`` (dicts) as ``fmt`` asks, columns ``shown`` in order."""
    if fmt == "objects":
        return [{k: json_value(row[k]) for k in shown} for row in rows]
    lists = [[json_value(row[k]) for k in shown] for row in rows]
    if fmt == "lists":
        return lists
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerows(lists)
    return out.getvalue()


def links(ident: str, params: dict[str, Any], limit: int, offset: int) -> dict[str, str]:
    """``_links.start`` and ``_links.next`` of a page."""
    base = "/api/3/action/datastore_search"
    kept = {k: v for k, v in params.items() if k not in ("offset", "resource_id", "id")}
    kept = {k: v for k, v in kept.items() if isinstance(v, str | int | float)}
    start = {**kept, "resource_id": ident}
    return {
        "start": f"{base}?{urlencode(start)}",
        "next": f"{base}?{urlencode({**start, 'offset': offset + limit})}",
    }
