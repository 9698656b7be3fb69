"""Tell which reader a file needs: magic bytes first, then its extension, else text or refusal."""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from pathlib import Path

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.jsonstream import JsonStream

FORMATS = ("csv", "xlsx", "xls", "ods", "json", "jsonl", "geojson", "parquet")
ALIASES = {"tsv": "csv", "txt": "csv", "tab": "csv", "ndjson": "jsonl", "xlsm": "xlsx"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# A file named so is read by that reader whatever it starts with: a JSON scalar (``42``) is
# then refused as holding no table, instead of being read as a one-column CSV.
JSON_SUFFIXES = {".json": "json", ".geojson": "geojson", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SPREADSHEET_SUFFIXES = {".xls", ".xlsx", ".xlsm", ".ods"}
HEAD_BYTES = 64 * 1024
FIRST_LINES_BYTES = 1024**2
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
BINARY_SIGNATURES = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"BZh": "bzip2",
    b"7z\xbc\xaf": "7-Zip",
    b"Rar!": "RAR",
    b"\x7fELF": "ELF",
    b"SQLite format 3": "SQLite",
}
SUPPORTED_FR = "formats acceptés : CSV (ou TSV), XLSX, XLS, ODS, JSON, JSON Lines, GeoJSON, Parquet"
SUPPORTED_EN = "supported formats: CSV (or TSV), XLSX, XLS, ODS, JSON, JSON Lines, GeoJSON, Parquet"


def unsupported(path: Path, what_fr: str, what_en: str) -> UnreadableFileError:
    """The error for a file no reader can take, listing the formats that are supported."""
    return UnreadableFileError(
        f"Format non pris en charge : {what_fr}.",
        f"Unsupported format: {what_en}.",
        path=str(path),
        hint_fr=SUPPORTED_FR + ".",
        hint_en=SUPPORTED_EN + ".",
        details={"supportedFormats": list(FORMATS)},
    )


def _zip_kind(path: Path) -> str:
    """XLSX or ODS from the entries of a zip archive (nothing is decompressed but a mimetype)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            small = "mimetype" in names and archive.getinfo("mimetype").file_size < 200
            mimetype = archive.read("mimetype").strip() if small else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        if path.suffix.lower() in {".xlsx", ".xlsm", ".ods"}:
            return "ods" if path.suffix.lower() == ".ods" else "xlsx"  # the reader explains
        raise unsupported(path, "archive zip endommagée", "damaged zip archive") from None
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if mimetype == ODS_MIMETYPE:
        return "ods"
    office = any(name.startswith(("word/", "ppt/")) for name in names) or mimetype
    if "[Content_Types].xml" in names and not office:
        return "xlsx"
    raise unsupported(
        path,
        "archive zip qui n’est ni un XLSX ni un ODS",
        "zip archive that is neither XLSX nor ODS",
    )


def _head_text(head: bytes) -> str | None:
    """The head decoded as text, or None when it looks binary."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if b"\x00" in head:
        return None
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
        return head.decode("cp1252", errors="replace") if controls <= len(head) // 100 else None


def _first_lines_are(path: Path, kind: type) -> bool:
    """Whether the first two non-blank lines each parse as a JSON ``kind`` (JSON Lines)."""
    found = 0
    with path.open("rb") as handle:
        while found < 2:
            line = handle.readline(FIRST_LINES_BYTES)
            if not line:
                return False
            if not line.strip():
                continue
            try:
                if not isinstance(json.loads(line), kind):
                    return False
            except (ValueError, RecursionError):  # the reader explains either
                return False
            found += 1
    return True


def _is_geojson(text: str) -> bool:
    """Whether the top-level object has a GeoJSON type or a ``features`` list (within the head)."""
    stream = JsonStream(io.StringIO(text), "")
    try:
        stream.expect("{")
        for key in stream.members():
            if key == "features" and stream.peek() == "[":
                return True
            value = stream.value()
            if key == "type":
                return value in ("FeatureCollection", "Feature")
    except (UnreadableFileError, RecursionError):
        return False
    return False


def _json_kind(path: Path, text: str) -> str:
    body = text.lstrip("\ufeff \t\r\n")
    suffix = path.suffix.lower()
    if _first_lines_are(path, dict if body.startswith("{") else list):
        return "jsonl"
    if body.startswith("{") and suffix in JSONL_SUFFIXES:
        return "jsonl"
    if body.startswith("{") and (suffix == ".geojson" or _is_geojson(body)):
        return "geojson"
    return "json"


def _markup(path: Path, body: str) -> str:
    """``html`` for an HTML page posing as a workbook (many applications export an HTML table
    under an ``.xls`` name): its first table is read. Any other HTML or XML file is refused,
    saying what to do when it poses as a workbook (Excel 2003 XML, for instance)."""
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise unsupported(path, "page HTML ou document XML", "HTML page or XML document")
    if not body[:5].lower().startswith("<?xml"):
        return "html"
    kind_fr, kind_en = (
        ("un classeur XML Excel 2003", "an Excel 2003 XML workbook")
        if "urn:schemas-microsoft-com:office:spreadsheet" in body[:4096]
        else ("un document XML", "an XML document")
    )
    raise UnreadableFileError(
        f"Ce fichier « {path.suffix} » n’est pas un vrai classeur : c’est {kind_fr} "
        "(un export « Excel » courant de nombreux logiciels).",
        f"This '{path.suffix}' file is not a real workbook: it is {kind_en} "
        "(a common 'Excel' export of many applications).",
        path=str(path),
        hint_fr="Ouvrez-le dans votre tableur et enregistrez-le en XLSX ou en CSV, puis "
        "déposez ce fichier.",
        hint_en="Open it in your spreadsheet software and save it as XLSX or CSV, then "
        "upload that file.",
        details={"supportedFormats": list(FORMATS)},
    )


def detect_format(path: Path, forced: str | None) -> str:
    """One of :data:`FORMATS` for ``path``, or the ``forced`` one once checked to exist."""
    if forced is not None:
        name = ALIASES.get(forced.strip().lower(), forced.strip().lower())
        if name not in FORMATS:
            raise unsupported(path, f"« {forced} » est inconnu", f"'{forced}' is unknown")
        return name
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise UnreadableFileError("Le fichier est vide.", "The file is empty.", path=str(path))
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(OLE2):
        return "xls"
    if head.startswith(b"PAR1"):
        return "parquet"
    for magic, name in BINARY_SIGNATURES.items():
        if head.startswith(magic):
            raise unsupported(path, f"fichier {name}", f"{name} file")
    text = _head_text(head)
    body = (text or "").lstrip("\ufeff \t\r\n")
    if body.startswith(("{", "[")):
        return _json_kind(path, body)
    if path.suffix.lower() in JSON_SUFFIXES:  # a JSON scalar: its reader refuses it
        return JSON_SUFFIXES[path.suffix.lower()]
    if body[:15].lower().startswith(("<!doctype", "<html", "<?xml", "<table")):
        return _markup(path, body)
    if path.suffix.lower() in CSV_SUFFIXES or text is not None:
        return "csv"
    raise unsupported(path, "fichier binaire inconnu", "unknown binary file")
