"""Facets of the catalogue: the values a dataset shows under each facet, refinement, counts.

A facet value has a name (what is shown and counted: a theme's French label, a publisher's
name) and the spellings that select it (its id, labels, URI, code), so ``refine`` accepts
``theme:Environnement``, ``theme:ENVI`` or the EU URI alike, accents and case ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import Any

from territoria.catalog.vocabularies import Vocabulary, spelling_key
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES
from territoria.errors import UserError

Value = tuple[str, frozenset[str]]  # shown name, spelling keys that select it


class UnknownFacetError(UserError):
    """A refine or exclude on a facet that does not exist."""

    code = "unknown-facet"


def _value(name: str | None, *spellings: str | None) -> list[Value]:
    if not name:
        return []
    keys = frozenset(spelling_key(s) for s in (name, *spellings) if s)
    return [(name, keys)]


def _terms(entries: Iterable[Mapping[str, Any] | None]) -> list[Value]:
    values: list[Value] = []
    for entry in entries:
        if entry:
            values += _value(entry["label"], entry["id"], entry.get("labelEn"), entry.get("uri"))
    return values


def _publisher(meta: Mapping[str, Any]) -> list[Value]:
    org = meta.get("publisher") or {}
    return _value(org.get("name"), org.get("code"), org.get("siren"), org.get("territory"))


FACETS: dict[str, Callable[[Mapping[str, Any]], list[Value]]] = {
    "theme": lambda m: _terms(m["themes"]),
    "publisher": _publisher,
    "keyword": lambda m: [v for k in m["keywords"] for v in _value(k)],
    "license": lambda m: _terms([m["license"]]),
    "territory": lambda m: [v for t in m["spatial"] for v in _value(t)],
    "format": lambda m: [
        v for f in (m["latestVersion"] or {}).get("formats", []) for v in _value(f)
    ],
    "schema": lambda m: _value(m["schemaRef"] or m["conformsTo"], m["conformsTo"]),
}
VOCABULARIES: dict[str, Vocabulary] = {"theme": THEMES, "license": LICENCES}
ALIASES = {"licence": "license", "themes": "theme", "keywords": "keyword", "spatial": "territory"}


def facet_name(name: str) -> str:
    """The facet ``name`` designates; :class:`UnknownFacetError` listing them otherwise."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in FACETS:
        known = ", ".join(FACETS)
        raise UnknownFacetError(
            f"Facette inconnue : « {name} » ; facettes : {known}.",
            f"Unknown facet: '{name}'; facets: {known}.",
            details={"facet": name, "known": list(FACETS)},
        )
    return key


def facet_values(meta: Mapping[str, Any]) -> dict[str, list[Value]]:
    """Every facet's values for one dataset's metadata dict."""
    return {name: extract(meta) for name, extract in FACETS.items()}


def selects(values: Sequence[Value], wanted: str, facet: str = "") -> bool:
    """Whether one of ``values`` is spelt ``wanted`` (for a vocabulary's facet, any spelling
    of the term: ``odbl`` selects ``odbl-1.0``)."""
    term = VOCABULARIES[facet].get(wanted) if facet in VOCABULARIES else None
    key = spelling_key(term.id if term is not None else wanted)
    return any(key in keys for _, keys in values)


def keep(
    values: Mapping[str, Sequence[Value]],
    refine: Mapping[str, Sequence[str]],
    exclude: Mapping[str, Sequence[str]],
) -> bool:
    """Whether a dataset passes every ``refine`` (all values present, AND) and no
    ``exclude`` (any value present drops it); facet names already checked."""
    for name, wanted in refine.items():
        if not all(selects(values[name], w, name) for w in wanted):
            return False
    return not any(selects(values[n], w, n) for n, ws in exclude.items() for w in ws)


def count(names: Iterable[Mapping[str, frozenset[str]]]) -> dict[str, list[dict[str, Any]]]:
    """``facet → [{name, count}]`` over datasets given by their shown names per facet, most
    frequent first, then by name."""
    rows = list(names)
    out: dict[str, list[dict[str, Any]]] = {}
    for facet in FACETS:
        counter = Counter(chain.from_iterable(row[facet] for row in rows))
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        out[facet] = [{"name": shown, "count": n} for shown, n in ranked]
    return out
