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
    keys: list[str] = []
    for column in chosen:  # one key per column: a repeated name gets _1, _2… as DuckDB does
        key, n = column.name, 0
        while key in keys:
            n += 1
            key = f"{column.name}_{n}"
        keys.append(key)
    pairs = [
        f"{quote_name(key)} := {column.json_value(plan.options)}"
        for key, column in zip(keys, chosen, strict=True)
    ]
    return f"CAST(to_json(struct_pack({', '.join(pairs)})) AS VARCHAR)" if pairs else "'{}'"


def write_json(plan: ExportPlan) -> Iterator[bytes]:
    """``[`` objects separated by ``,\\n`` ``]``; ``[]`` for an empty result."""
    batches = plan.rows(object_sql(plan))

    def chunks() -> Iterator[bytes]:
        yield b"["
        first = True
        for batch in batches:
            if batch:
                yield (("\n" if first else ",\n") + ",\n".join(batch)).encode()
                first = False
        yield b"\n]\n" if not first else b"]\n"

    return chunks()


def write_jsonl(plan: ExportPlan) -> Iterator[bytes]:
    """One object per line."""
    batches = plan.rows(object_sql(plan))

    def chunks() -> Iterator[bytes]:
        for batch in batches:
            if batch:
                yield ("\n".join(batch) + "\n").encode()

    return chunks()
