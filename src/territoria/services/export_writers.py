"""The export formats and their writers: one registry, read by the CLI and the HTTP exports.

A writer takes an :class:`~territoria.services.export_plan.ExportPlan` and returns an
iterator of byte chunks. It checks what it needs (a geometry, Excel's row limit) when
called, and writes only as the chunks are drawn, so a refusal comes before the first byte.
Their order is the one ``territoria export --help`` lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from territoria.services.export_options import FORMATS
from territoria.services.export_plan import ExportPlan
from territoria.services.exports.delimited import write_csv
from territoria.services.exports.files import write_parquet, write_xlsx
from territoria.services.exports.geojson import write_geojson
from territoria.services.exports.records import write_json, write_jsonl

Writer = Callable[[ExportPlan], Iterator[bytes]]

WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "parquet": write_parquet,
    "json": write_json,
    "geojson": write_geojson,
    "xlsx": write_xlsx,
    "jsonl": write_jsonl,
}
assert tuple(WRITERS) == FORMATS, "every format has its writer, in the order of FORMATS"
