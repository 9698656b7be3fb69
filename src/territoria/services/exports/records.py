"""JSON (one array of objects) and JSON Lines (one object per line), keys the column names.

DuckDB's ``to_json`` writes each row, so values keep their types (numbers, booleans, nested
lists); a non-finite double, which JSON cannot write, is ``null``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from territoria.services.export_columns import ExportColumn, quote_name
from territoria.services.export_plan import ExportPlan


def object_sql(plan: ExportPlan, columns: Sequence[ExportColumn] | None = None) -> str:
    """``to_json(struct_pack(…))`` of the plan's columns (or of ``columns``), ``'{}'`` if none."""
    chosen = plan.columns if columns is None else columns
    pairs = [f"{quote_name(column.name)} := {column.json_value(plan.options)}" for column in chosen]
    return f"CAST(to_json(struct_pack({', '.join(pairs)})) AS VARCHAR)" if pairs else "'{}'"


def write_json(plan: ExportPlan) -> Iterator[bytes]:
    """``[`` objects separated by ``,\\n`` ``]``; ``[]`` for an empty result."""
    line = object_sql(plan)

    def chunks() -> Iterator[bytes]:
        yield b"["
        first = True
        for batch in plan.rows(line):
            if batch:
                yield (("\n" if first else ",\n") + ",\n".join(batch)).encode()
                first = False
        yield b"\n]\n" if not first else b"]\n"

    return chunks()


def write_jsonl(plan: ExportPlan) -> Iterator[bytes]:
    """One object per line."""
    line = object_sql(plan)

    def chunks() -> Iterator[bytes]:
        for batch in plan.rows(line):
            if batch:
                yield ("\n".join(batch) + "\n").encode()

    return chunks()
