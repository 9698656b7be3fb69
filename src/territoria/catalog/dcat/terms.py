"""Our values as the URIs DCAT-AP expects: file types, media types, languages, territories.

Each table reads both ways, so ``*_from_rdf`` maps a remote catalogue's URIs back to our ids.
Territories use INSEE's COG URIs (``http://id.insee.fr/geo/commune/75056``); France as a
country uses the EU country table, which DCAT-AP names for ``dct:spatial``.
"""

from __future__ import annotations

import re

from territoria.catalog.dcat.namespaces import EU_FILE_TYPE, EU_LANGUAGE, IANA_MEDIA, INSEE_GEO

EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"

# export format → (EU file type, IANA media type); jsonl has neither yet (no EU term, no
# IANA registration): its distribution goes without dct:format and dcat:mediaType
FILE_TYPES: dict[str, tuple[str, str]] = {
    "csv": ("CSV", "text/csv"),
    "parquet": ("PARQUET", "application/vnd.apache.parquet"),
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "xls": ("XLS", "application/vnd.ms-excel"),
    "zip": ("ZIP", "application/zip"),
    "shp": ("SHP", "application/vnd.shp"),
    "pdf": ("PDF", "application/pdf"),
    "xml": ("XML", "application/xml"),
    "ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
}
_BY_EU = {eu: fmt for fmt, (eu, _) in FILE_TYPES.items()}
_BY_MEDIA = {media: fmt for fmt, (_, media) in FILE_TYPES.items()}

# ISO 639-1 (what the catalogue stores) → the EU language table's ISO 639-3 codes
LANGUAGES = {
    "fr": "FRA", "en": "ENG", "de": "DEU", "es": "SPA", "it": "ITA", "nl": "NLD",
    "pt": "POR", "br": "BRE", "oc": "OCI", "co": "COS", "eu": "EUS", "ca": "CAT",
}  # fmt: skip
_BY_639_3 = {v: k for k, v in LANGUAGES.items()}

# territory level → INSEE's COG URI path (an EPCI is an "intercommunalite" there, by SIREN)
INSEE_LEVELS = {
    "commune": "commune",
    "departement": "departement",
    "region": "region",
    "epci": "intercommunalite",
    "iris": "iris",
}
_BY_INSEE = {v: k for k, v in INSEE_LEVELS.items()}
COUNTRIES = {"FR": "FRA"}
_INSEE_URI = re.compile(re.escape(str(INSEE_GEO)) + r"([a-z]+)/([0-9A-Za-z]+)$")


def file_type_uri(fmt: str) -> str | None:
    """``csv`` → the EU file-type URI, None for a format the table does not name."""
    known = FILE_TYPES.get(fmt.lower())
    return str(EU_FILE_TYPE[known[0]]) if known else None


def media_type_uri(fmt: str) -> str | None:
    """``csv`` → ``https://www.iana.org/assignments/media-types/text/csv``, or None."""
    known = FILE_TYPES.get(fmt.lower())
    return str(IANA_MEDIA[known[1]]) if known else None


def format_of(file_type: str | None, media_type: str | None, url: str | None) -> str | None:
    """Our short format name from an EU file type, a media type, or the URL's last part."""
    if file_type:
        code = file_type.rstrip("/").rsplit("/", 1)[-1].upper()
        if code in _BY_EU:
            return _BY_EU[code]
        if "/" not in file_type:  # a bare literal such as "CSV" or "text/csv"
            return _BY_MEDIA.get(file_type.lower(), file_type.lower())
    if media_type:  # http or https, or a bare "text/csv; charset=utf-8"
        bare = (bare_media_type(media_type) or "").split(";")[0].strip().lower()
        if bare in _BY_MEDIA:
            return _BY_MEDIA[bare]
    if url:
        last = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower()
        suffix = last.rsplit(".", 1)[-1] if "." in last else last
        if suffix in FILE_TYPES or suffix == "jsonl":
            return suffix
    return None


def bare_media_type(media_type: str | None) -> str | None:
    """``https://www.iana.org/assignments/media-types/text/csv`` → ``text/csv``."""
    if not media_type:
        return None
    if "/assignments/media-types/" in media_type:
        return "/".join(media_type.rstrip("/").split("/")[-2:])
    return media_type


def language_uri(code: str) -> str:
    """``fr`` → ``…/language/FRA``; a code outside the table is upper-cased as it is."""
    return str(EU_LANGUAGE[LANGUAGES.get(code.lower(), code.upper())])


def language_of(uri: str) -> str | None:
    """The ISO 639-1 code of an EU language URI (or of a bare ``fr``/``FRA``), else None."""
    code = uri.rstrip("/").rsplit("/", 1)[-1]
    if len(code) == 2 and code.isalpha():
        return code.lower()
    return _BY_639_3.get(code.upper())


def territory_uri(territory: str) -> str:
    """``commune:75056@2025`` → ``http://id.insee.fr/geo/commune/75056`` (the vintage is
    kept beside it, as the location's ``dct:identifier``); ``pays:FR`` → the EU country."""
    level, _, code = territory.split("@", 1)[0].partition(":")
    if level == "pays" and code in COUNTRIES:
        return EU_COUNTRY + COUNTRIES[code]
    if level in INSEE_LEVELS:
        return str(INSEE_GEO[f"{INSEE_LEVELS[level]}/{code}"])
    return f"urn:territoria:territory:{level}:{code}"


def territory_of(uri: str) -> str | None:
    """Our ``level:code`` for a COG or EU country URI, else None."""
    match = _INSEE_URI.match(uri)
    if match and match[1] in _BY_INSEE:
        return f"{_BY_INSEE[match[1]]}:{match[2]}"
    for iso2, iso3 in COUNTRIES.items():
        if uri == EU_COUNTRY + iso3:
            return f"pays:{iso2}"
    if uri.startswith("urn:territoria:territory:"):
        return uri.removeprefix("urn:territoria:territory:")
    return None
