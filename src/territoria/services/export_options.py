"""What an export may be asked: its formats, options, file name, media type, and refusals.

The options are Opendatasoft's (Explore API v2.1, ``…/exports/{format}``): ``delimiter`` among
``;``, ``,``, tab and ``|``; ``list_separator`` for multivalued cells; ``quote_all`` to quote
every string; ``with_bom``; ``use_labels`` for a header of labels instead of names;
``compressed`` for gzip; ``epsg`` for geometries (4326 only here); the ``timezone`` datetimes
are written in. Their defaults differ by caller: the CLI keeps the plain CSV it always wrote
(comma, no BOM, values as stored), HTTP answers as Opendatasoft does
(:meth:`ExportOptions.opendatasoft`: ``;``, a BOM, values as Opendatasoft shows them) — one
set of writers, two sets of defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from territoria.errors import UserError

FORMATS = ("csv", "parquet", "json", "geojson", "xlsx", "jsonl")
DELIMITERS = (";", ",", "\t", "|")
PARQUET_COMPRESSIONS = ("snappy", "zstd")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/jsonl",
}


class UnknownExportFormatError(UserError):
    """A format no writer knows (Opendatasoft answers 400 for a path value off its list)."""

    code = "unknown-export-format"
    http_status = 400


class InvalidExportOptionError(UserError):
    """An export option outside what the writers accept."""

    code = "invalid-export-option"
    http_status = 400


class ExportNotPossibleError(UserError):
    """This result cannot be written in this format (GeoJSON without geometry, XLSX too big)."""

    code = "export-not-possible"
    http_status = 400


@dataclass(frozen=True)
class ExportOptions:
    """How to write an export; the defaults are the CLI's, see :meth:`opendatasoft`.

    ``delimiter``, ``quote_all``, ``with_bom`` are CSV's; ``list_separator`` joins lists in
    CSV and XLSX; ``use_labels`` names the CSV and XLSX header (JSON keys and Parquet columns
    keep the names, which programs read); ``parquet_compression`` is Parquet's."""

    delimiter: str = ","
    quote_all: bool = False
    with_bom: bool = False
    list_separator: str = ","
    compressed: bool = False
    use_labels: bool = False
    epsg: int = 4326
    parquet_compression: str = "zstd"
    timezone: str = "UTC"
    """The zone datetimes are written in, with ``opendatasoft_values`` (``timezone``)."""
    naive_in_zone: bool = False
    """Datetimes without a zone are wall times of ``timezone`` (ODSQL's compiled queries
    answer them so), not UTC instants (stored versions)."""
    opendatasoft_values: bool = False
    """Values as Opendatasoft exports them: datetimes ``2024-01-02T03:04:05+00:00``,
    ``geo_point_2d`` as ``lat, lon`` (CSV, XLSX) or ``{"lon", "lat"}`` (JSON), ``geo_shape``
    as a GeoJSON Feature (JSON); otherwise values as stored."""

    @classmethod
    def opendatasoft(cls) -> ExportOptions:
        """Opendatasoft's v2.1 defaults: ``;``, a BOM, snappy Parquet, its value style."""
        return cls(
            delimiter=";",
            with_bom=True,
            parquet_compression="snappy",
            opendatasoft_values=True,
        )

    def checked(self) -> ExportOptions:
        """These options, or an :class:`InvalidExportOptionError` naming the wrong one."""
        if self.delimiter not in DELIMITERS:
            shown = ", ".join(repr(d) for d in DELIMITERS)
            _refuse("delimiter", self.delimiter, f"un de {shown}", f"one of {shown}")
        if not self.list_separator or any(c in self.list_separator for c in '"\r\n'):
            _refuse(
                "list_separator",
                self.list_separator,
                "sans guillemet ni fin de ligne",
                "without quote or line end",
            )
        if self.epsg != 4326:
            _refuse("epsg", str(self.epsg), "4326 seulement (WGS 84)", "4326 only (WGS 84)")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            _refuse("timezone", self.timezone, "un fuseau IANA", "an IANA time zone")
        if self.parquet_compression not in PARQUET_COMPRESSIONS:
            shown = ", ".join(PARQUET_COMPRESSIONS)
            _refuse("parquet_compression", self.parquet_compression, shown, shown)
        return self

    def but(self, **changes: object) -> ExportOptions:
        """A copy with ``changes`` (the HTTP layer overrides the defaults it was given)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _refuse(name: str, value: str, expected_fr: str, expected_en: str) -> None:
    raise InvalidExportOptionError(
        f"option d'export « {name} » invalide : {value!r} (attendu : {expected_fr})",
        f"invalid export option '{name}': {value!r} (expected: {expected_en})",
        details={"option": name, "value": value},
    )


def check_format(fmt: str) -> str:
    """The format's canonical name, or an :class:`UnknownExportFormatError` listing them."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise UnknownExportFormatError(
            f"format d'export inconnu : « {fmt} » (formats : {', '.join(FORMATS)})",
            f"unknown export format: '{fmt}' (formats: {', '.join(FORMATS)})",
            details={"formats": list(FORMATS)},
        )
    return name


def media_type(fmt: str, compressed: bool = False) -> str:
    """The ``Content-Type`` of an export (``application/gzip`` once compressed)."""
    name = check_format(fmt)
    return "application/gzip" if compressed else MEDIA_TYPES[name]


def export_filename(slug: str, fmt: str, options: ExportOptions) -> str:
    """``slug.csv`` (``slug.csv.gz`` compressed), for ``Content-Disposition: attachment``;
    characters a file name or the header cannot carry become ``_``."""
    kept = (c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in slug)
    safe = "".join(kept).strip(".") or "export"
    name = f"{safe}.{check_format(fmt)}"
    return f"{name}.gz" if options.compressed else name
