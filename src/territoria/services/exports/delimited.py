"""CSV: RFC 4180 quoting, the chosen delimiter, an optional BOM, formulas neutralised.

A cell is quoted when it holds the delimiter, a quote, a line end, or is the empty string
(told apart from NULL, which is an empty field), as DuckDB's own CSV writer does: the CLI's
whole-version export is byte for byte what ``COPY … (FORMAT csv)`` wrote before it streamed.
``quote_all`` quotes every string (not numbers nor booleans), as Opendatasoft's option does.
Rows end with ``\\n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from territoria.services.export_columns import UNQUOTED_KINDS, text_literal
from territoria.services.export_plan import ExportPlan

BOM = "\ufeff"


def _quoted_sql(text: str, delimiter: str, always: bool) -> str:
    quoted = f"""'"' || replace({text}, '"', '""') || '"'"""
    if always:
        return quoted
    specials = (text_literal(delimiter), "'\"'", "chr(10)", "chr(13)")
    needs = " OR ".join(f"contains({text}, {char})" for char in specials)
    return f"CASE WHEN {text} = '' OR {needs} THEN {quoted} ELSE {text} END"


def _quoted(value: str, delimiter: str, always: bool) -> str:
    if always or value == "" or re.search(f'[{re.escape(delimiter)}"\r\n]', value):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_csv(plan: ExportPlan) -> Iterator[bytes]:
    """The header, then one line per row, a batch of rows per chunk."""
    options = plan.options
    delimiter = options.delimiter
    header = delimiter.join(
        _quoted(column.header(options), delimiter, options.quote_all) for column in plan.columns
    )
    texts = [f"{column.text(options)} AS c{i}" for i, column in enumerate(plan.columns)]
    cells = [
        _quoted_sql(f"c{i}", delimiter, options.quote_all and column.kind not in UNQUOTED_KINDS)
        for i, column in enumerate(plan.columns)
    ]
    separator = f", {text_literal(delimiter)}, "
    line = f"concat({separator.join(cells)}, chr(10))"
    batches = plan.over(plan.select(texts)).rows(line)

    def chunks() -> Iterator[bytes]:
        yield ((BOM if options.with_bom else "") + header + "\n").encode()
        for batch in batches:
            yield "".join(batch).encode()

    return chunks()
