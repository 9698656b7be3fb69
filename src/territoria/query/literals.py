"""ODSQL literals: strings with backslash escapes, numbers, ``date'…'`` and ``geom'…'``."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from zoneinfo import ZoneInfo

from sqlglot import exp

from territoria.query.typed import Scope, Typed, literal

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}
_WKT = re.compile(
    r"\s*(MULTI)?(POINT|LINESTRING|POLYGON)\s*\(([-+0-9.eE\s,()]*)\)\s*", re.IGNORECASE
)
_GEOJSON_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def string(text: str, scope: Scope) -> Typed:
    """``"a \\" b"`` or ``'a'`` → the text, JSON escapes resolved (``\\n``, ``\\u00e9``…).

    Opendatasoft's JavaScript client quotes strings with ``JSON.stringify``.
    """
    value = _ESCAPE.sub(_unescape, text[1:-1])
    try:  # \\ud83d\\ude00 pairs become one character; a lone surrogate is refused
        value = value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        value = "\x00"
    if "\x00" in value:
        raise scope.error(
            "caractère interdit dans un texte", "forbidden character in a text", text[:40]
        )
    return Typed(literal(value), "text", value=value)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 5:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def number(text: str, scope: Scope) -> Typed:
    """``12`` (int) or ``1.5``/``1e3`` (double); an infinite value is refused."""
    if re.fullmatch(r"\d+", text):
        return Typed(literal(int(text)), "int", value=int(text))
    value = float(text)
    if not math.isfinite(value):
        raise scope.error("nombre hors limites", "number out of range", text)
    return Typed(literal(value), "double", value=value)


def parse_date(text: str, scope: Scope) -> dt.date | dt.datetime:
    """An ISO 8601 date (``2024``, ``2024-03``, ``2024-03-15``, or ``2024/03/15``) or
    date-time, in local time.

    A date-time with an offset is converted to the request's time zone, naive, as every
    datetime value is compared in that zone.
    """
    raw = text.strip()
    if re.fullmatch(r"\d{4}(/\d{1,2}){0,2}", raw):  # Opendatasoft's YYYY/MM/DD form
        raw = "-".join(p.zfill(2) for p in raw.split("/"))
    try:
        if re.fullmatch(r"\d{4}", raw):
            return dt.date(int(raw), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            return dt.date(int(raw[:4]), int(raw[5:]), 1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return dt.date.fromisoformat(raw)
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        raise scope.error(
            f"date invalide « {text} » (ISO 8601 attendu)",
            f"invalid date '{text}' (ISO 8601 expected)",
            text,
        ) from None
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(scope.timezone)).replace(tzinfo=None)
    return value


def date_literal(token: str, scope: Scope) -> Typed:
    """``date'2024-03-15'`` → a DATE, ``date'2024-03-15T10:00:00Z'`` → a TIMESTAMP."""
    value = parse_date(token[5:-1], scope)
    return temporal(value)


def temporal(value: dt.date | dt.datetime) -> Typed:
    """A Python date or datetime as a typed DuckDB DATE or TIMESTAMP literal."""
    if isinstance(value, dt.datetime):
        node = exp.Cast(this=literal(value.isoformat(sep=" ")), to=exp.DataType.build("TIMESTAMP"))
        return Typed(node, "datetime", value=value)
    node = exp.Cast(this=literal(value.isoformat()), to=exp.DataType.build("DATE"))
    return Typed(node, "date", value=value)


def in_utc(value: dt.date | dt.datetime, scope: Scope) -> Typed:
    """A local date or date-time of the request's zone as the UTC TIMESTAMP stored columns hold."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    utc = moment.replace(tzinfo=ZoneInfo(scope.timezone)).astimezone(dt.UTC)
    return temporal(utc.replace(tzinfo=None))


def against_stored(
    subject: Typed, value: Typed, scope: Scope
) -> tuple[exp.Expression, exp.Expression]:
    """``subject`` and ``value`` as compared in SQL.

    A datetime field against a date literal compares the stored UTC column with the literal
    moved to UTC, rather than every row moved to local time: same answer, and DuckDB keeps
    pruning Parquet row groups by their min/max.
    """
    if subject.raw is not None and value.is_literal and isinstance(value.value, dt.date):
        return subject.raw.copy(), in_utc(value.value, scope).node
    return subject.node, value.node


def geom_literal(token: str, scope: Scope) -> Typed:
    """``geom'POINT(2.35 48.85)'`` (WKT) or ``geom'{"type": "Point", …}'`` (GeoJSON)."""
    text = token[5:-1].strip()
    if text.startswith("{"):
        _check_geojson(text, scope)
        node: exp.Expression = exp.Anonymous(this="ST_GeomFromGeoJSON", expressions=[literal(text)])
    else:
        if not _WKT.fullmatch(text) or text.count("(") != text.count(")"):
            raise _bad_geometry(text, scope)
        node = exp.Anonymous(this="ST_GeomFromText", expressions=[literal(text)])
    return Typed(node, "geometry", value=text)


def _check_geojson(text: str, scope: Scope) -> None:
    try:
        shape = json.loads(text)
    except ValueError:
        raise _bad_geometry(text, scope) from None
    if not isinstance(shape, dict) or shape.get("type") not in _GEOJSON_TYPES:
        raise _bad_geometry(text, scope)
    stack = [shape.get("coordinates")]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and item:
            stack.extend(item)
        elif isinstance(item, bool) or not isinstance(item, int | float):
            raise _bad_geometry(text, scope)


def _bad_geometry(text: str, scope: Scope) -> Exception:
    return scope.error(
        f"géométrie invalide « {text[:80]} » (WKT ou GeoJSON attendu)",
        f"invalid geometry '{text[:80]}' (WKT or GeoJSON expected)",
        text[:80],
    )
