"""Build the corpus of malformed and hostile files that ``validate`` and ``ingest`` must survive.

Each builder writes one file (or folder, or nothing: a missing path) under a directory and
says what a user may expect: ``REFUSED`` (exit 2, a bilingual message naming the file),
``READ`` (exit 0 or 1: read as data, valid or not), ``NOT_VALID`` (refused or reported, never
declared valid) or ``ANY`` (read or refused: both are honest answers). ``line`` is the line a
refusal must name when one applies. Large files are generated here, never committed.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REFUSED = frozenset({2})
READ = frozenset({0, 1})
NOT_VALID = frozenset({1, 2})
ANY = frozenset({0, 1, 2})
MIB = 1024**2


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name, the exit codes allowed, the line a refusal names."""

    name: str
    build: Callable[[Path], None]
    expected: frozenset[int]
    line: int | None = None


CASES: list[Case] = []


def case(
    name: str, expected: frozenset[int], line: int | None = None
) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    """Register the decorated builder; it receives the path to write (named ``name``)."""

    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        CASES.append(Case(name, build, expected, line))
        return build

    return register


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _plain(name: str, data: bytes, expected: frozenset[int], line: int | None = None) -> None:
    CASES.append(Case(name, _bytes(data), expected, line))


ROWS = "".join(f"{i};commune {i};{i * 3}\n" for i in range(1, 2001))
CSV = ("code;nom;valeur\n" + ROWS).encode()
RNG = random.Random(6)

# --- empty, binary, disguised --------------------------------------------------------------
_plain("empty.csv", b"", REFUSED)
_plain("bom_only.csv", b"\xef\xbb\xbf", REFUSED)
_plain("bom_and_blank_lines.csv", b"\xef\xbb\xbf\r\n  \n\t\n", REFUSED)
_plain("utf16_bom_only.csv", b"\xff\xfe", REFUSED)
_plain("only_newlines.csv", b"\n" * 10_000, REFUSED)
_plain("binary_garbage.csv", RNG.randbytes(256 * 1024), REFUSED)
_plain("png_image.csv", b"\x89PNG\r\n\x1a\n" + RNG.randbytes(4096), REFUSED)
_plain("jpeg_image.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + RNG.randbytes(4096), REFUSED)
_plain("pdf_document.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", REFUSED)
_plain("gzip_named.csv", gzip.compress(CSV), REFUSED)
_plain("elf_executable.csv", b"\x7fELF\x02\x01\x01" + bytes(200), REFUSED)
_plain("sqlite_database.csv", b"SQLite format 3\x00" + bytes(4080), REFUSED)
_plain("html_page.csv", b"<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table>", REFUSED)
_plain("unknown_binary.dat", bytes(range(256)) * 64, REFUSED)
_plain("nul_in_head.csv", b"code;nom\n1;a\x00b\n2;c\n", NOT_VALID)
_plain("nul_past_64k.csv", CSV * 3 + b"9;nul\x00here;1\n" + CSV[16:], NOT_VALID)


@case("zip_of_csv.csv", REFUSED)
def _zip_of_csv(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.csv", CSV)


# --- encodings and line ends ------------------------------------------------------------------
TEXT = "code;nom;commentaire\n1;Évreux;élevé\n2;Besançon;œuvre à côté\n3;Nîmes;ça va\n"
_plain(
    "invalid_utf8_deep.csv", CSV * 200 + "4;Orléans;€\n".encode() + b"5;caf\xe9 \xff\xfe;x\n", ANY
)
_plain("utf8_bom_over_cp1252.csv", b"\xef\xbb\xbf" + TEXT.encode("cp1252"), ANY)
_plain("utf16le_bom.csv", TEXT.encode("utf-16"), READ)
_plain("utf16be_bom.csv", b"\xfe\xff" + TEXT.encode("utf-16-be"), READ)
_plain("utf16le_no_bom.csv", TEXT.encode("utf-16-le"), ANY)
_plain("utf16be_no_bom.csv", TEXT.encode("utf-16-be"), ANY)
_plain("latin1_accents.csv", TEXT.encode("latin-1", errors="replace"), READ)
_plain("mixed_line_endings.csv", b"a;b\r\n1;2\n3;4\r5;6\r\n7;8\n", ANY)
_plain("lone_cr_line_endings.csv", b"a;b\r1;2\r3;4\r", READ)
_plain("trailing_ctrl_z.csv", b"a;b\r\n1;2\r\n3;4\r\n\x1a", READ)
_plain("control_characters.csv", b"a;b\n1;\x01\x02\x03\n2;\x1b[31m\n", ANY)

# --- shapes -------------------------------------------------------------------------------------
_plain("header_only.csv", b"code;nom;valeur\n", READ)
_plain("duplicate_headers.csv", b"code;code;nom;nom\n1;2;a;b\n", ANY)
_plain("empty_headers.csv", b";;nom;\n1;2;a;b\n3;4;c;d\n", ANY)
_plain("ragged_rows.csv", b"a;b;c\n1;2\n1;2;3;4;5;6;7;8;9;10;11;12\n\n4;5;6\n", ANY)
_plain("unterminated_quote_at_eof.csv", b'a;b\n1;"ouvert\n2;3\n4;5', ANY)
_plain("quote_in_header.csv", b'"a;b\n1;2\n', ANY)
_plain("many_blank_lines.csv", b"a;b\n" + b"\n" * 5000 + b"1;2\n", ANY)
_plain("one_cell.csv", b"x", ANY)


@case("single_line_50mb.csv", REFUSED, line=1)
def _single_line(path: Path) -> None:
    path.write_bytes(b"a;" * (25 * MIB))


@case("columns_20000.csv", ANY)
def _wide(path: Path) -> None:
    header = ";".join(f"col{i}" for i in range(20_000))
    row = ";".join(str(i % 10) for i in range(20_000))
    path.write_text(f"{header}\n{row}\n{row}\n", encoding="utf-8")


@case("cell_5mb.csv", ANY)
def _cell_5mb(path: Path) -> None:
    path.write_bytes(b"code;texte\n1;" + b"x" * (5 * MIB) + b"\n2;court\n")


@case("cell_131073_chars.csv", ANY)
def _cell_limit(path: Path) -> None:
    path.write_bytes(b"code;texte\n1;" + "é".encode() * 131_073 + b"\n2;court\n")


# --- spreadsheets -----------------------------------------------------------------------------
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = "</sheetData></worksheet>"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: int = 3, doctype: str = "", body: str | None = None) -> str:
    """A worksheet with a header and ``rows`` data rows (or ``body`` as its rows)."""
    if body is None:
        lines = [f'<row r="1">{_cell("A1", "code")}{_cell("B1", "nom")}</row>']
        for i in range(2, rows + 2):
            lines.append(f'<row r="{i}">{_cell(f"A{i}", str(i))}{_cell(f"B{i}", f"n{i}")}</row>')
        body = "".join(lines)
    return SHEET_OPEN.format(doctype=doctype) + body + SHEET_CLOSE


def write_xlsx(path: Path, sheet: str | bytes, *, workbook: str = WORKBOOK) -> None:
    """A minimal Office Open XML workbook whose only sheet is ``sheet``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)


@case("valid_control.xlsx", READ)
def _valid_xlsx(path: Path) -> None:
    write_xlsx(path, sheet_xml())


@case("truncated.xlsx", REFUSED)
def _truncated_xlsx(path: Path) -> None:
    buffer = io.BytesIO()
    write_xlsx(path, sheet_xml(rows=2000))
    data = path.read_bytes()
    buffer.write(data[: len(data) // 2])
    path.write_bytes(buffer.getvalue())


def _deflated_rows(total: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of a sheet of ``total`` bytes of empty rows, built
    from one compressed chunk repeated: after a full flush every chunk compresses alike."""
    head, tail = sheet_xml(body="").split("</sheetData>")
    head, tail = head.encode(), b"</sheetData>" + tail.encode()
    chunk = b"<row/>" * MIB
    count = max(1, (total - len(head) - len(tail)) // len(chunk))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return start + piece * count + end, crc, len(head) + len(chunk) * count + len(tail)


def write_raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of deflated entries (name, raw deflate data, CRC-32, declared size), written by
    hand so that the declared size may lie."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        fields = (20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        offset = len(out)
        out += b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + encoded + data
        central += b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + b"PK\x05\x06" + end))


def _bomb(path: Path, declared: int | None) -> None:
    data, crc, size = _deflated_rows(1024 * MIB)
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ]
    entries = []
    for name, text in parts:
        raw = text.encode()
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append(
            (name, compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw))
        )
    entries.append(("xl/worksheets/sheet1.xml", data, crc, size if declared is None else declared))
    write_raw_zip(path, entries)


@case("zip_bomb.xlsx", REFUSED)
def _zip_bomb(path: Path) -> None:
    """A sheet inflating to 1 GiB, about 1,000 times its compressed size, declared honestly."""
    _bomb(path, None)


@case("zip_bomb_lying_headers.xlsx", REFUSED)
def _lying_bomb(path: Path) -> None:
    """The zip directory claims 1 KiB for a sheet that inflates to 1 GiB."""
    _bomb(path, 1024)


@case("xml_entity_bomb.xlsx", REFUSED)
def _entity_bomb(path: Path) -> None:
    entities = ['<!ENTITY e0 "lol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    ]
    doctype = f"<!DOCTYPE worksheet [{''.join(entities)}]>"
    body = f'<row r="1">{_cell("A1", "code")}</row><row r="2">{_cell("A2", "&e9;")}</row>'
    write_xlsx(path, sheet_xml(doctype=doctype, body=body))


@case("sheet_cut_mid_tag.xlsx", REFUSED)
def _cut_sheet(path: Path) -> None:
    xml = sheet_xml(rows=50)
    write_xlsx(path, xml[: len(xml) // 2] + '<row r="99"><c r="A99" t="inl')


@case("sparse_cells_bomb.xlsx", REFUSED)
def _sparse_bomb(path: Path) -> None:
    """Two cells, A1 and XFD1048576: a dense grid of 17 billion cells to whoever allocates it."""
    far = _cell("XFD1048576", "x")
    body = f'<row r="1">{_cell("A1", "code")}</row><row r="1048576">{far}</row>'
    write_xlsx(path, sheet_xml(body=body))


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
    'tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
    'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
    'manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods_cell(text: str, repeated: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeated}" '
        f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _repeated_ods(path: Path, width: int) -> None:
    """A filled row repeated a million times, ``width`` cells wide (one repeated cell): a
    1 KB file for OpenDocument's run-length encoding, billions of cells once expanded."""
    rows = (
        f"<table:table-row>{_ods_cell('code')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="1048570">{_ods_cell("x", width)}'
        "</table:table-row>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="a">'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        mimetype = "application/vnd.oasis.opendocument.spreadsheet"
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)


CASES.append(Case("repeated_cells_bomb.ods", lambda path: _repeated_ods(path, 16384), REFUSED))
# 94 million cells: under calamine's own limit (100 million), 3 GB once expanded
CASES.append(Case("repeated_rows_bomb.ods", lambda path: _repeated_ods(path, 90), REFUSED))


@case("sheet_not_xml.xlsx", REFUSED)
def _garbage_sheet(path: Path) -> None:
    write_xlsx(path, RNG.randbytes(2048))


@case("empty_workbook.xlsx", REFUSED)
def _empty_xlsx(path: Path) -> None:
    write_xlsx(path, sheet_xml(body=""))


@case("workbook_without_sheets.xlsx", REFUSED)
def _no_sheets(path: Path) -> None:
    write_xlsx(
        path,
        sheet_xml(),
        workbook=WORKBOOK.replace(WORKBOOK[WORKBOOK.find("<sheets>") :], "</workbook>"),
    )


@case("word_document.xlsx", REFUSED)
def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<document/>")


HTML_XLS = (
    "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset='utf-8'>"
    "</head><body><table><tr><th>code</th><th>nom</th></tr><tr><td>1</td><td>Évreux</td></tr>"
    "<tr><td>2</td><td>Nîmes</td></tr></table></body></html>"
).encode()
_plain("html_export.xls", HTML_XLS, READ)
_plain("html_export_bom.xls", b"\xef\xbb\xbf\r\n" + HTML_XLS, READ)
_plain(
    "spreadsheetml_2003.xls",
    b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:'
    b'schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a"><Table><Row><Cell><Data '
    b'ss:Type="String">code</Data></Cell></Row></Table></Worksheet></Workbook>',
    REFUSED,
)
_plain("csv_named.xls", b"code;nom\n1;Evreux\n", ANY)
_plain("ole2_garbage.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RNG.randbytes(8192), REFUSED)
_plain("garbage.xlsx", RNG.randbytes(4096), REFUSED)
_plain("truncated_zip_header.ods", b"PK\x03\x04\x14\x00\x00\x00", REFUSED)

# --- JSON family -------------------------------------------------------------------------------
RECORDS = [{"code": i, "nom": f"commune {i}"} for i in range(1, 501)]
_plain("scalar_number.json", b"42", REFUSED)
_plain("scalar_number_newline.json", b"42\n", REFUSED)
_plain("scalar_string.json", b'"bonjour"', REFUSED)
_plain("scalar_null.json", b"null", REFUSED)
_plain("empty_list.json", b"[]", REFUSED)
_plain("list_of_scalars.json", b"[1, 2, 3]", REFUSED)
_plain("mixed_items.json", b'[{"a": 1}, [1, 2]]', REFUSED)
_plain("nested_10000_lists.json", b"[" * 10_000 + b"]" * 10_000, REFUSED, line=1)
_plain("nested_10000_objects.json", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, REFUSED)
_plain(
    "nested_10000_in_record.json",
    b'[\n{"a": 1},\n{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}\n]",
    REFUSED,
    line=3,
)
_plain("truncated.json", json.dumps(RECORDS).encode()[:5000], REFUSED)
_plain("trailing_garbage.json", json.dumps(RECORDS).encode() + b" ]]}", REFUSED)
_plain("invalid_utf8.json", b'[{"nom": "caf\xe9"}]', REFUSED)
_plain("wrapper_without_data.json", b'{"meta": {"total": 3}}', REFUSED)
_plain("scalar_number.jsonl", b"42\n", REFUSED)
_plain(
    "one_bad_line.jsonl",
    b'{"code": 1, "nom": "a"}\n{"code": 2, "nom": "b"}\n{"code": 3, "nom": \n{"code": 4}\n',
    REFUSED,
    line=3,
)
_plain(
    "nested_10000_line.jsonl",
    b'{"code": 1}\n{"code": 2}\n{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}\n",
    REFUSED,
    line=3,
)


def _feature(geometry: object, index: int = 1) -> dict[str, object]:
    return {"type": "Feature", "geometry": geometry, "properties": {"code": index}}


def _collection(*geometries: object) -> bytes:
    features = [_feature(g, i) for i, g in enumerate(geometries, start=1)]
    return json.dumps({"type": "FeatureCollection", "features": features}, indent=1).encode()


POINT = {"type": "Point", "coordinates": [2.35, 48.85]}
_plain("null_geometries.geojson", _collection(None, POINT, None), READ)
_plain(
    "unknown_geometry_type.geojson",
    _collection(POINT, {"type": "Cercle", "coordinates": [1, 2]}),
    REFUSED,
)
_plain(
    "lambert93_coordinates.geojson",
    _collection(POINT, {"type": "Point", "coordinates": [652_469.0, 6_862_035.0]}),
    REFUSED,
)
_plain(
    "latitude_out_of_range.geojson",
    _collection({"type": "Point", "coordinates": [2.3, 95.0]}),
    REFUSED,
)
_plain(
    "coordinates_as_text.geojson",
    _collection({"type": "Point", "coordinates": "2.35,48.85"}),
    REFUSED,
)
_plain(
    "point_with_one_number.geojson", _collection({"type": "Point", "coordinates": [2.35]}), REFUSED
)
_plain(
    "unclosed_polygon_ring.geojson",
    _collection({"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [3, 49], [2, 49]]]}),
    REFUSED,
)
_plain("geometry_without_coordinates.geojson", _collection({"type": "LineString"}), REFUSED)
_plain(
    "feature_not_a_feature.geojson",
    json.dumps({"type": "FeatureCollection", "features": [1, 2]}).encode(),
    REFUSED,
)
_plain("truncated.geojson", _collection(POINT, POINT, POINT)[:-40], REFUSED)
_plain(
    "nested_10000_coordinates.geojson",
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
    b'"geometry": {"type": "Point", "coordinates": ' + b"[" * 10_000 + b"]" * 10_000 + b"}}]}",
    REFUSED,
)


# --- Parquet -----------------------------------------------------------------------------------
def _parquet_bytes(table: pa.Table, **options: object) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


NUMBERS = pa.table({"code": list(range(50_000)), "nom": [f"n{i}" for i in range(50_000)]})
_plain("truncated.parquet", _parquet_bytes(NUMBERS)[:3000], REFUSED)
_plain("magic_only.parquet", b"PAR1", REFUSED)
_plain("footer_only.parquet", b"PAR1" + bytes(16) + b"PAR1", REFUSED)


@case("corrupt_pages.parquet", REFUSED)
def _corrupt_pages(path: Path) -> None:
    """Valid footer and metadata, the data pages overwritten with noise."""
    data = bytearray(_parquet_bytes(NUMBERS, compression="snappy", use_dictionary=False))
    footer_len = struct.unpack_from("<I", data, len(data) - 8)[0]
    end = len(data) - 8 - footer_len
    noise = random.Random(66).randbytes(end - 4 - 64)
    data[4 + 32 : end - 32] = noise[: end - 68]
    path.write_bytes(bytes(data))


@case("nested_columns.parquet", READ)
def _nested_parquet(path: Path) -> None:
    table = pa.table(
        {
            "code": [1, 2, 3],
            "adresse": [{"rue": "a", "cp": 75001}, {"rue": "b", "cp": 13001}, None],
            "tags": [["x", "y"], [], None],
            "attributs": pa.array([[("k", "v")], [], None], pa.map_(pa.string(), pa.string())),
        }
    )
    pq.write_table(table, path)


# --- paths -------------------------------------------------------------------------------------
@case("folder_with_a_csv", ANY)
def _folder(path: Path) -> None:
    """A folder is read as the files it holds; this one holds the dataset's own first file."""
    path.mkdir()
    (path / "inside.csv").write_bytes(CSV)


@case("folder_with_bad_files", NOT_VALID)
def _bad_folder(path: Path) -> None:
    path.mkdir()
    (path / "good.csv").write_bytes(b"code;nom\n1;a\n")
    (path / "empty.csv").write_bytes(b"")
    (path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))


@case("empty_folder", REFUSED)
def _empty_folder(path: Path) -> None:
    path.mkdir()


@case("missing_file.csv", REFUSED)
def _missing(path: Path) -> None:
    """Nothing is written: the path does not exist."""


def build_corpus(directory: Path) -> list[tuple[Case, Path]]:
    """Write every case under ``directory``; (case, path) pairs in registration order."""
    directory.mkdir(parents=True, exist_ok=True)
    built = []
    for item in CASES:
        path = directory / item.name
        item.build(path)
        built.append((item, path))
    return built
