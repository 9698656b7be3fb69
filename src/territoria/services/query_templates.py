"""Compiled queries reused across values: ``field = "value"`` filters compiled once per shape.

A page filtered by a high-cardinality equality (``code_insee="31555"`` among 10,000 codes)
is almost always asked for the first time, so neither the results cache nor a cache of
compiled queries by exact text helps, and compiling ODSQL (parse, type, whitelist check)
was the largest part of such a request (0.8 ms of 2.1 ms measured outside the framework).
Where clauses made only of ``text_field = "literal"`` terms joined by ``and`` are compiled
once with marker literals, then each request copies that query with its own literals put
where the markers are. This is safe only when the compiler used the literal verbatim, so:
the fields must be ``text`` (no parsing of the value), the markers hold capitals, an accent
and surrounding blanks (a compiler lowering, folding or trimming the value would change
them), and each must be found exactly once, whole, as a string literal of the compiled
queries; otherwise the shape is marked unusable and such requests compile as before.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace

from sqlglot import exp

from territoria.query.compiler import OutputColumn
from territoria.query.fields import QueryField
from territoria.query.grammar import MAX_QUERY_CHARS
from territoria.query.request import RecordsRequest

_TERM = r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"\\\']*)"\s*'
_WHERE = re.compile(rf"^{_TERM}(?:and{_TERM})*$", re.IGNORECASE)
_TERMS = re.compile(_TERM)
Compiled = tuple[exp.Select, exp.Select | None, Sequence[OutputColumn]]
SHAPES = 1024
"""Shapes kept at most (one per distinct non-literal request)."""


def _marker(i: int) -> str:
    return f" ⟦TPLé{i}⟧ "


@dataclass(frozen=True)
class Template:
    """A compiled query whose string literals ``markers[i]`` stand for the i-th literal."""

    rows: exp.Select
    count: exp.Select | None
    output: tuple[OutputColumn, ...]
    markers: tuple[str, ...]

    def fill(self, values: Sequence[str]) -> tuple[exp.Select, exp.Select | None]:
        """Copies of the queries with ``values`` in place of the markers."""
        put = dict(zip(self.markers, values, strict=True))

        def swap(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Literal) and node.is_string and node.this in put:
                return exp.Literal.string(put[node.this])
            return node

        rows = self.rows.transform(swap)
        count = None if self.count is None else self.count.transform(swap)
        return rows, count  # type: ignore[return-value]


def split(
    request: RecordsRequest, fields: Sequence[QueryField]
) -> tuple[RecordsRequest, tuple[str, ...]] | None:
    """The request with markers for its literals, and the literals; None when its where is
    not only ``text_field = "literal"`` terms."""
    if not request.where:
        return None
    text_fields = {f.name for f in fields if f.type == "text"}
    values: list[str] = []
    shaped: list[str] = []
    for clause in request.where:
        # what the parser refuses before lexing must still be refused: compile those
        if "\x00" in clause or len(clause) > MAX_QUERY_CHARS or _WHERE.match(clause) is None:
            return None
        parts = []
        for name, value in _TERMS.findall(clause):
            if name not in text_fields:
                return None
            parts.append(f'{name} = "{_marker(len(values))}"')
            values.append(value)
        shaped.append(" and ".join(parts))
    return replace(request, where=tuple(shaped)), tuple(values)


def _usable(template: Template) -> bool:
    """Each marker found once, whole, as a string literal of each query; no other literal
    holding part of one (a compiler that split or wrapped the value)."""
    for query in (q for q in (template.rows, template.count) if q is not None):
        marked = [n.this for n in query.find_all(exp.Literal) if n.is_string and "TPLé" in n.this]
        if sorted(marked) != sorted(template.markers):
            return False
    return True


class Templates:
    """Per (version, shape), the template of its compiled queries, or None when unusable."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, Template | None] = OrderedDict()
        self._lock = threading.Lock()

    def compiled(
        self,
        key: str,
        request: RecordsRequest,
        fields: Sequence[QueryField],
        compile_: Callable[[RecordsRequest], Compiled] | None,
    ) -> tuple[exp.Select, exp.Select | None, list[OutputColumn]] | None:
        """The queries of ``request`` from its shape's template, or None (compile it);
        with ``compile_`` None, only from a template kept already (never compiling)."""
        found = split(request, fields)
        if found is None:
            return None
        shaped, values = found
        shape = (key, shaped.cache_key())
        with self._lock:
            known = shape in self._kept
            template = self._kept.get(shape)
        if not known and compile_ is None:
            return None
        if not known and compile_ is not None:
            try:
                rows, count, output = compile_(shaped)
            except Exception:
                template = None
            else:
                markers = tuple(_marker(i) for i in range(len(values)))
                template = Template(rows, count, tuple(output), markers)
                if not _usable(template):
                    template = None
            with self._lock:
                self._kept[shape] = template
                while len(self._kept) > SHAPES:
                    self._kept.popitem(last=False)
        if template is None:
            return None
        rows, count = template.fill(values)
        return rows, count, list(template.output)
