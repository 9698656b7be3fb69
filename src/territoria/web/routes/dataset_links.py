"""Downloads and the copy-paste API panel of a dataset, with the table's current filters.

Every download is the Explore API's export (the one export path) of the filtered, sorted
rows in each format the writers offer; the panel gives the same query as an ODS records
URL, the CKAN package, a curl command and a Python snippet, quoted for their language.
"""

from __future__ import annotations

import shlex
from typing import Any
from urllib.parse import quote, urlencode

from territoria.services.dataset_map import MapSource
from territoria.services.export_options import FORMATS

ODS = "/api/explore/v2.1/catalog/datasets/{slug}"
CKAN = "/api/3/action/package_show"
FORMAT_LABELS = {"csv": "CSV", "parquet": "Parquet", "json": "JSON", "geojson": "GeoJSON",
                 "xlsx": "Excel (XLSX)", "jsonl": "JSON Lines"}  # fmt: skip


def _params(where: tuple[str, ...], order_by: str | None) -> list[tuple[str, str]]:
    params = [("where", clause) for clause in where]
    return params + ([("order_by", order_by)] if order_by else [])


def _url(path: str, params: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(params, quote_via=quote) if params else "")


def downloads(
    slug: str, where: tuple[str, ...], order_by: str | None, geo: MapSource | None
) -> list[dict[str, str]]:
    """One export link per format (GeoJSON only for a dataset with a geo field)."""
    base = ODS.format(slug=quote(slug))
    params = _params(where, order_by)
    return [
        {"format": fmt, "label": FORMAT_LABELS[fmt], "url": _url(f"{base}/exports/{fmt}", params)}
        for fmt in FORMATS
        if fmt != "geojson" or (geo is not None and geo.kind == "geojson")
    ]


def _python(records: str, params: list[tuple[str, str]]) -> str:
    lines = ["import httpx", "", "params = {"]
    wheres = [value for key, value in params if key == "where"]
    if wheres:
        joined = wheres[0] if len(wheres) == 1 else " and ".join(f"({w})" for w in wheres)
        lines.append(f"    'where': {joined!r},")
    lines += [f"    {key!r}: {value!r}," for key, value in params if key != "where"]
    lines += ["    'limit': 100,", "}", f"page = httpx.get({records!r}, params=params).json()",
              "print(page['total_count'], page['results'][:3])"]  # fmt: skip
    return "\n".join(lines)


def api_panel(
    origin: str, slug: str, where: tuple[str, ...], order_by: str | None
) -> dict[str, Any]:
    """The ODS and CKAN URLs, a curl command and a Python snippet for the current query."""
    records = origin + ODS.format(slug=quote(slug)) + "/records"
    params = _params(where, order_by)
    curl = ["curl", "-G", shlex.quote(records)]
    for key, value in [*params, ("limit", "100")]:
        curl += ["--data-urlencode", shlex.quote(f"{key}={value}")]
    return {
        "ods": _url(records, [*params, ("limit", "100")]),
        "ods_dataset": origin + ODS.format(slug=quote(slug)),
        "ckan": _url(origin + CKAN, [("id", slug)]),
        "curl": " ".join(curl),
        "python": _python(records, params),
    }
