"""CKAN's datastore ``q`` (full text) and ``sort`` as sqlglot terms over checked columns.

``q`` as a string: every word must appear, case ignored, in some column of the row (its
text form); as ``{"field": "words"}``: in that column. CKAN's PostgreSQL full text also
stems words; a substring match finds at least what it finds for the words as written.
``sort`` is ``"a desc, b"`` or a list of such, names double-quoted when they need it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlglot import exp

from territoria.api.ckan.datastore_filters import Columns, all_of, column
from territoria.api.ckan.envelope import invalid


def _contains(target: exp.Expression, word: str) -> exp.Expression:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = exp.Literal.string(f"%{escaped}%")
    return exp.Escape(
        this=exp.ILike(this=target, expression=pattern), expression=exp.Literal.string("\\")
    )


def full_text(q: Any, columns: Columns) -> exp.Expression | None:
    """Every word of ``q`` found (case ignored) in some column, or in the named one."""
    if q is None or q == "" or q == {}:
        return None
    if isinstance(q, Mapping):
        parts = []
        for name, words in q.items():
            if name not in columns:
                raise invalid("q", f'field "{name}" not in table', f"champ « {name} » absent")
            text = exp.cast(column(name), exp.DataType.Type.VARCHAR)
            parts += [_contains(text, w) for w in str(words).split()]
        return all_of(parts) if parts else None
    # words never hold a space: joined by one, a word cannot match across two cells
    texts = [exp.cast(column(n), exp.DataType.Type.VARCHAR) for n in columns]
    # DuckDB's own concat_ws skips NULL cells (sqlglot's ConcatWs would make the row NULL)
    row = exp.Anonymous(this="concat_ws", expressions=[exp.Literal.string(" "), *texts])
    words = str(q).split()
    return all_of([_contains(row, w) for w in words]) if words else None


def ordering(sort: str | Sequence[str] | None, columns: Columns) -> list[exp.Ordered]:
    """``"a desc, b"`` (or a list of such) as ORDER BY terms; names may be double-quoted."""
    items = sort.split(",") if isinstance(sort, str) else list(sort or [])
    out = []
    for item in items:
        text = item.strip()
        if not text:
            continue
        descending = text.lower().endswith(" desc")
        if text.lower().endswith((" desc", " asc")):
            text = text.rsplit(" ", 1)[0].strip()
        name = text[1:-1] if len(text) > 1 and text[0] == text[-1] == '"' else text
        if name not in columns and name != "_id":
            raise invalid("sort", f'field "{name}" not in table', f"champ « {name} » absent")
        out.append(exp.Ordered(this=column(name), desc=descending, nulls_first=False))
    return out
