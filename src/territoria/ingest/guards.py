"""Cheap checks on a file before any reader opens it: missing, empty, binary, endless line."""

from __future__ import annotations

from pathlib import Path

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.encoding import bom_codec, utf16_without_bom

HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024

# Formats no reader of ours handles (images, documents, archives, executables, databases).
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"\x7fELF",
    b"\x1f\x8b",  # gzip
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"SQLite format 3\x00",
)
# Binary formats other readers handle: zip (XLSX, ODS), Parquet, OLE2 (XLS).
_READABLE_MAGIC = (b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_BLANK = b" \t\r\n\x0b\x0c"


def looks_binary(head: bytes) -> bool:
    """True for known binary formats and for NUL bytes in text that is not UTF-16/32."""
    if head.startswith(_READABLE_MAGIC):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" not in head:
        return False
    codec = bom_codec(head) or utf16_without_bom(head)
    return codec is None or not codec.startswith(("utf-16", "utf-32"))


def _refuse(path: Path, fr: str, en: str, hint_fr: str, hint_en: str) -> UnreadableFileError:
    return UnreadableFileError(fr, en, path=str(path), hint_fr=hint_fr, hint_en=hint_en)


def check_exists(path: Path) -> None:
    """The path names a regular file."""
    if not path.is_file():
        what = ("est un dossier", "is a folder") if path.is_dir() else ("n'existe pas", "not found")
        raise _refuse(
            path,
            f"le fichier {what[0]}",
            f"file {what[1]}",
            "vérifiez le chemin du fichier",
            "check the path of the file",
        )


def check_not_empty(path: Path) -> None:
    """The file holds something besides a BOM and white space (UTF-16 NULs included)."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
        codec = bom_codec(head) or utf16_without_bom(head)
        blank = _BLANK + b"\x00" if codec and codec.startswith(("utf-16", "utf-32")) else _BLANK
        chunk = (
            head.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
        )
        while chunk:
            if chunk.translate(None, blank):
                return
            chunk = stream.read(CHUNK_BYTES)
    raise _refuse(
        path,
        "le fichier est vide",
        "the file is empty",
        "exportez de nouveau les données",
        "export the data again",
    )


def check_not_binary(path: Path) -> None:
    """The file is text, or a binary format one of our readers handles."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
    if looks_binary(head):
        raise _refuse(
            path,
            "le fichier n'est pas un tableau lisible (contenu binaire : image, PDF, archive…)",
            "the file is not a readable table (binary content: image, PDF, archive…)",
            "déposez un fichier CSV, XLSX, ODS ou Parquet",
            "upload a CSV, XLSX, ODS or Parquet file",
        )


def check_line_lengths(path: Path, max_line_bytes: int) -> None:
    """No physical line longer than ``max_line_bytes``, found in 1 MiB chunks without ever
    holding a line in memory (a 200 MB line is refused after reading ``max_line_bytes``)."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
        end = b"\r" if b"\r" in head and b"\n" not in head else b"\n"  # old Mac exports
        stream.seek(0)
        current = lines = 0  # bytes of the line being read, complete lines so far
        while chunk := stream.read(CHUNK_BYTES):
            first = chunk.find(end)
            if first == -1:
                current += len(chunk)
                if current > max_line_bytes:
                    raise too_long(path, lines + 1, max_line_bytes)
                continue
            if current + first > max_line_bytes:
                raise too_long(path, lines + 1, max_line_bytes)
            last = chunk.rfind(end)
            if last - first > max_line_bytes:  # only then can a line inside the chunk be too long
                sizes = list(map(len, chunk[first + 1 : last].split(end)))
                if max(sizes) > max_line_bytes:
                    at = next(n for n, size in enumerate(sizes) if size > max_line_bytes)
                    raise too_long(path, lines + 2 + at, max_line_bytes)
            lines += chunk.count(end)
            current = len(chunk) - last - 1
        if current > max_line_bytes:
            raise too_long(path, lines + 1, max_line_bytes)


def too_long(path: Path, line: int, max_line_bytes: int) -> UnreadableFileError:
    limit = f"{max_line_bytes:,}".replace(",", " ")
    return UnreadableFileError(
        f"ligne plus longue que la limite de {limit} octets",
        f"line longer than the limit of {limit} bytes",
        path=str(path),
        line=line,
        hint_fr="vérifiez les fins de ligne et les guillemets du fichier, "
        "ou relevez TERRITORIA_MAX_LINE_BYTES",
        hint_en="check the file's line endings and quotes, or raise TERRITORIA_MAX_LINE_BYTES",
    )


def check_file(path: Path, *, max_line_bytes: int | None = None) -> None:
    """Every guard in order; ``max_line_bytes`` only for text formats (CSV, TSV, TXT)."""
    check_exists(path)
    check_not_empty(path)
    check_not_binary(path)
    if max_line_bytes is not None:
        check_line_lengths(path, max_line_bytes)
