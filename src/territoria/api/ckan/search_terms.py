"""CKAN's Solr-style ``q`` and ``fq`` read as free text plus ``field:value`` filters.

Harvesters write ``organization:mairie AND -tags:brouillon`` (udata's CKAN harvester joins
its filters with `` AND ``), scripts ``res_format:CSV``; ``*:*`` means everything. A term
``field:value`` keeps the packages whose ``field`` holds ``value`` (case ignored), ``-`` in
front drops them, ``+`` keeps them (as CKAN's own pages write it); the rest is the full-text
query of the catalogue search. The fields are the ones packages carry as values: name, id,
organization, tags, groups, license_id, res_format — facets count the same fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from territoria.errors import UserError

TERM = re.compile(r'([-+]?)([A-Za-z_][\w.]*):("[^"]*"|\S+)|("[^"]*"|\S+)')
OPERATORS = frozenset({"AND", "OR", "&&", "+"})
FIELDS = ("name", "id", "organization", "tags", "groups", "license_id", "res_format")


class SearchQueryError(UserError):
    """A query naming a field packages cannot be filtered on (CKAN's 400 ``Search Query
    Error``)."""

    code = "search-query-error"
    http_status = 400


def values(package: Mapping[str, Any], name: str) -> list[str]:
    """The values of ``name`` in ``package`` (a package dict), as facets count them."""
    if name in ("name", "id", "license_id"):
        return [package[name]] if package.get(name) else []
    if name == "organization":
        org = package.get("organization")
        return [org["name"]] if org else []
    if name in ("tags", "groups"):
        return [item["name"] for item in package.get(name) or []]
    if name == "res_format":
        return sorted({r["format"] for r in package.get("resources") or []})
    return []


@dataclass
class Terms:
    """Free text and field filters of one ``q`` + ``fq``."""

    text: list[str] = field(default_factory=list)
    keep: list[tuple[str, str]] = field(default_factory=list)
    drop: list[tuple[str, str]] = field(default_factory=list)

    def read(self, query: str | None) -> Terms:
        """Add the terms of ``query``; :class:`SearchQueryError` for an unknown field."""
        for match in TERM.finditer(query or ""):
            negate, name, value, word = match.groups()
            if word is not None:
                if word not in OPERATORS:
                    self.text.append(word.strip('"'))
                continue
            if name == "*" or (name, value) == ("*", "*"):
                continue
            if name not in FIELDS:
                raise SearchQueryError(
                    f"Champ de recherche inconnu : « {name} » ; champs : {', '.join(FIELDS)}.",
                    f"Search Query is invalid: unknown field '{name}'; fields: "
                    f"{', '.join(FIELDS)}.",
                    details={"field": name},
                )
            wanted = (name, value.strip('"').lower())
            (self.drop if negate == "-" else self.keep).append(wanted)
        return self

    @property
    def full_text(self) -> str | None:
        """The words for the catalogue's full-text search (None: every dataset)."""
        words = [w for w in self.text if w not in ("*:*", "*")]
        return " ".join(words) or None

    def admits(self, package: Mapping[str, Any]) -> bool:
        """Whether ``package`` passes every filter."""

        def holds(name: str, value: str) -> bool:
            return value in (v.lower() for v in values(package, name))

        return all(holds(*t) for t in self.keep) and not any(holds(*t) for t in self.drop)
