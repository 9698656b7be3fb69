"""How each column of an export is written, as DuckDB SQL over the result: text, JSON, geometry.

One rule per concern, shared by every writer: a text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` in CSV and XLSX so that spreadsheet
software does not run it as a formula (CSV injection; the stored data is unchanged); a list
is joined with ``list_separator``; with ``opendatasoft_values``, datetimes are ISO 8601 with
their offset and ``geo_point_2d`` becomes ``lat, lon`` text or ``{"lon", "lat"}``.
The expressions name only quoted column names and literals made here, never user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from territoria.query.fields import QueryField
from territoria.services.export_options import ExportOptions

FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is a formula to spreadsheet software (OWASP)."""
_FORMULA_SQL = tuple(f"chr({ord(c)})" if c in "\t\r" else f"'{c}'" for c in FORMULA_CHARS)
_LIST = re.compile(r"\[\d*\]$")
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT", "UHUGEINT")  # fmt: skip
UNQUOTED_KINDS = ("number", "float", "boolean")  # quote_all quotes strings only, as Opendatasoft


def quote_name(name: str) -> str:
    """A SQL identifier, quoted: any label stays a name."""
    return '"' + name.replace('"', '""') + '"'


def text_literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def neutralised(sql: str) -> str:
    """``sql`` (text) with a formula-like start prefixed by ``'``: a test of the first
    character, several times faster than the regular expression it stands for."""
    starts = ", ".join(_FORMULA_SQL)
    return f"CASE WHEN left({sql}, 1) IN ({starts}) THEN '''' || {sql} ELSE {sql} END"


@dataclass(frozen=True)
class ExportColumn:
    """One column of the result: its output name, DuckDB type, query field if any, and the
    ``slot`` the export's SQL reads it by (``c0``, ``c1``…: positional, so two columns of one
    name, which a query may give, stay two columns)."""

    name: str
    sql_type: str
    field: QueryField | None = None
    slot: str = ""

    @property
    def ref(self) -> str:
        return quote_name(self.slot or self.name)

    def header(self, options: ExportOptions) -> str:
        """The name, or the field's label with ``use_labels``."""
        return self.field.label if options.use_labels and self.field else self.name

    @property
    def kind(self) -> str:
        """text, list, number, float, boolean, date, datetime, geo_point, geo_shape or other."""
        kind = self.field.type if self.field else ""
        if kind in ("geo_point_2d", "geo_shape"):
            return "geo_point" if kind == "geo_point_2d" else "geo_shape"
        sql_type = self.sql_type.upper()
        if _LIST.search(sql_type):
            return "list"
        if sql_type == "VARCHAR":
            return "text"
        if sql_type.startswith(_INTEGERS) or sql_type.startswith("DECIMAL"):
            return "number"
        if sql_type in ("DOUBLE", "FLOAT", "REAL"):
            return "float"
        if sql_type.startswith("TIMESTAMP"):
            return "datetime"
        return sql_type.lower() if sql_type in ("BOOLEAN", "DATE") else "other"

    def _point(self) -> tuple[str, str, str]:
        """SQL of the point's latitude, longitude, and whether both are usable."""
        if self.sql_type.upper().startswith("STRUCT"):
            lat, lon = f"TRY_CAST({self.ref}.lat AS DOUBLE)", f"TRY_CAST({self.ref}.lon AS DOUBLE)"
        else:
            first, second = (
                f"TRY_CAST(trim(split_part({self.ref}, ',', {n})) AS DOUBLE)" for n in (1, 2)
            )
            latlon = self.field is not None and self.field.latlon
            lat, lon = (first, second) if latlon else (second, first)
        usable = f"(isfinite({lat}) AND isfinite({lon}))"
        return lat, lon, usable

    def _iso(self, options: ExportOptions) -> str:
        """ISO 8601 in the options' zone with its offset (``2024-01-02T04:04:05+01:00``); a
        datetime without a zone is read as UTC, as Opendatasoft does — or as a wall time of
        that zone when ``options.naive_in_zone`` (ODSQL's compiled queries answer those)."""
        zone = options.timezone
        naive_zone = zone if options.naive_in_zone else "UTC"
        instant = (
            self.ref
            if "TIME ZONE" in self.sql_type.upper()
            else f"timezone({text_literal(naive_zone)}, {self.ref})"
        )
        local = f"timezone({text_literal(zone)}, {instant})"
        minutes = f"(CAST(epoch({local}) - epoch(timezone('UTC', {instant})) AS BIGINT) // 60)"
        sign = f"CASE WHEN {minutes} < 0 THEN '-' ELSE '+' END"
        hours, rest = (
            f"lpad(CAST(abs({minutes}) {op} 60 AS VARCHAR), 2, '0')" for op in ("//", "%")
        )
        return f"strftime({local}, '%Y-%m-%dT%H:%M:%S') || {sign} || {hours} || ':' || {rest}"

    def text(self, options: ExportOptions) -> str:
        """The cell as CSV and XLSX show it (VARCHAR, NULL kept)."""
        kind = self.kind
        if options.opendatasoft_values and kind == "geo_point":
            lat, lon, usable = self._point()
            point = f"CAST({lat} AS VARCHAR) || ', ' || CAST({lon} AS VARCHAR)"
            return f"CASE WHEN {usable} THEN {point} ELSE CAST({self.ref} AS VARCHAR) END"
        if options.opendatasoft_values and kind == "datetime":
            return self._iso(options)
        if kind == "list":
            joined = f"array_to_string({self.ref}, {text_literal(options.list_separator)})"
            return neutralised(joined)
        if kind == "text" or self.sql_type.upper() == "VARCHAR":
            return neutralised(self.ref)
        return f"CAST({self.ref} AS VARCHAR)"

    def json_value(self, options: ExportOptions) -> str:
        """The value for ``to_json``: finite numbers, ISO datetimes, points and shapes as
        Opendatasoft's records show them."""
        kind = self.kind
        if kind == "float":
            return f"CASE WHEN isfinite({self.ref}) THEN {self.ref} END"
        if options.opendatasoft_values and kind == "datetime":
            return self._iso(options)
        if options.opendatasoft_values and kind == "geo_point":
            lat, lon, usable = self._point()
            return f"CASE WHEN {usable} THEN struct_pack(lon := {lon}, lat := {lat}) END"
        if options.opendatasoft_values and kind == "geo_shape":
            geometry = self.geometry()
            head, tail = """'{"type": "Feature", "geometry": '""", """', "properties": {}}'"""
            feature = f"{head} || {geometry} || {tail}"
            return f"CASE WHEN {geometry} IS NOT NULL THEN json({feature}) END"
        return self.ref

    def geometry(self) -> str:
        """The GeoJSON geometry as JSON text, NULL when the cell holds none."""
        if self.kind == "geo_point":
            lat, lon, usable = self._point()
            coordinates = f"CAST({lon} AS VARCHAR) || ', ' || CAST({lat} AS VARCHAR)"
            point = f"""'{{"type": "Point", "coordinates": [' || {coordinates} || ']}}'"""
            return f"CASE WHEN {usable} THEN {point} END"
        ref = f"CAST({self.ref} AS VARCHAR)"
        return (
            f"CASE WHEN NOT json_valid({ref}) THEN NULL "
            f"WHEN json_extract_string({ref}, '$.type') = 'Feature' "
            f"THEN CAST(json_extract({ref}, '$.geometry') AS VARCHAR) ELSE {ref} END"
        )
