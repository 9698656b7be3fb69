"""The catalogue-level ODSQL reusers write on ``catalog/datasets``, mapped onto the search.

Portals' URLs filter the catalogue with a handful of forms: a bare string or ``search("…")``
(full text), ``field = "value"`` on a metadata field (``theme``, ``keyword``, ``publisher``,
``license``, ``language``, ``dataset_id``), joined with ``and``; ``refine=theme:X`` and
``order_by=modified desc``. Those map onto the catalogue search; any other form is refused
with Opendatasoft's ``ODSQLError`` naming what is not supported, never silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from territoria.errors import UserError

FACETS = ("theme", "keyword", "publisher", "license", "language", "territory", "features")
"""Metadata fields the catalogue can refine on (and count in ``catalog/facets``)."""
EQUALITY_FIELDS = (*FACETS, "dataset_id")
SORTS = ("modified", "title", "records_count", "dataset_id", "data_processed")
COMPARABLE = ("records_count", "modified", "data_processed", "metadata_processed")
"""Metadata fields ``where`` may compare (``records_count > 100``, ``modified >= "2024"``)."""

_AND = re.compile(r"""\s+and\s+(?=(?:[^"']|"[^"]*"|'[^']*')*$)""", re.IGNORECASE)
_QUOTED = re.compile(r"""^\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')\s*$""")
_SEARCH = re.compile(
    r"""^\s*(?:search|suggest)\s*\(\s*(?:[\w*]+\s*,\s*)?(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')\s*\)\s*$""",
    re.IGNORECASE,
)
_EQUALS = re.compile(r"""^\s*`?(?P<f>\w+)`?\s*(?:=|:)\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')\s*$""")
_COMPARE = re.compile(
    r"""^\s*`?(?P<f>\w+)`?\s*(?P<op><=|>=|<|>|=)\s*"""
    r"""(?:date)?(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)'|(?P<n>-?\d+(?:\.\d+)?))\s*$""",
    re.IGNORECASE,
)
_WORD = re.compile(r"^\s*(?P<w>[^\s\"'()=<>:]+)\s*$")
_ORDER = re.compile(r"^\s*(?P<f>-?\w+)(?:\s+(?P<d>asc|desc))?\s*$", re.IGNORECASE)


class CatalogQueryError(UserError):
    """A catalogue query the search cannot answer (Opendatasoft's ``ODSQLError``)."""

    code = "odsql-error"
    http_status = 400


@dataclass(frozen=True)
class CatalogQuery:
    """Full text, refinements, exclusions and sort of one ``catalog/datasets`` call."""

    q: str | None = None
    refine: tuple[tuple[str, str], ...] = ()
    exclude: tuple[tuple[str, str], ...] = ()
    sort: tuple[str, bool] | None = None  # (field, descending)
    compare: tuple[tuple[str, str, float | str], ...] = ()  # (field, operator, value)


def _unsupported(clause: str, text: str) -> CatalogQueryError:
    known = ", ".join(EQUALITY_FIELDS)
    return CatalogQueryError(
        f"Requête de catalogue non prise en charge dans {clause} : « {text} » (formes "
        f'acceptées : "texte", search("texte"), champ = "valeur" sur {known}).',
        f"Unsupported catalog query in {clause}: '{text}' (supported: \"text\", "
        f'search("text"), field = "value" on {known}).',
        details={"clause": clause, "text": text},
    )


def facet_pair(raw: str, clause: str) -> tuple[str, str]:
    """``theme:Environnement`` or ``theme:"Environnement"`` as ``("theme", "Environnement")``."""
    name, sep, value = raw.partition(":")
    name = name.strip()
    if not sep or name not in EQUALITY_FIELDS:
        raise _unsupported(clause, raw)
    return name, value.strip().strip('"').strip("'")


def parse_catalog_query(
    where: list[str], refine: list[str], exclude: list[str], order_by: str | None
) -> CatalogQuery:
    """The :class:`CatalogQuery` of the ``where``/``refine``/``exclude``/``order_by`` texts."""
    words: list[str] = []
    compares: list[tuple[str, str, float | str]] = []
    refines = [facet_pair(r, "refine") for r in refine if r.strip()]
    for text in where:
        for term in _AND.split(text.strip()) if text.strip() else []:
            match = _QUOTED.match(term) or _SEARCH.match(term)
            if match:
                words.append(match.group("d") if match.group("d") is not None else match.group("s"))
                continue
            match = _EQUALS.match(term)
            if match and match.group("f") in EQUALITY_FIELDS:
                value = match.group("d") if match.group("d") is not None else match.group("s")
                refines.append((match.group("f"), value))
                continue
            match = _COMPARE.match(term)
            if match and match.group("f") in COMPARABLE:
                compares.append(_comparison(match))
                continue
            match = _WORD.match(term)
            if match:
                words.append(match.group("w"))
                continue
            raise _unsupported("where", term)
    return CatalogQuery(
        q=" ".join(words) or None,
        refine=tuple(refines),
        exclude=tuple(facet_pair(e, "exclude") for e in exclude if e.strip()),
        sort=_sort(order_by),
        compare=tuple(compares),
    )


def _comparison(match: re.Match[str]) -> tuple[str, str, float | str]:
    """(field, operator, value): a number for ``records_count``, ISO text for the dates
    (ISO 8601 texts compare as the times they name)."""
    name, operator = match.group("f"), match.group("op")
    text = next(g for g in (match.group("d"), match.group("s"), match.group("n")) if g is not None)
    if name == "records_count":
        try:
            return name, operator, float(text)
        except ValueError:
            raise _unsupported("where", match.group(0)) from None
    return name, operator, text


def _sort(order_by: str | None) -> tuple[str, bool] | None:
    if not order_by or not order_by.strip():
        return None
    match = _ORDER.match(order_by)
    name = match.group("f").lstrip("-") if match else ""
    if not match or name not in SORTS:
        raise _unsupported("order_by", order_by)
    descending = match.group("f").startswith("-") or (match.group("d") or "").lower() == "desc"
    return name, descending
