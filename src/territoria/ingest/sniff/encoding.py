"""Detect the character encoding of a text file: BOM, then strict UTF-8, then Western codecs."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.western import western_codec

CHUNK_BYTES = 1024 * 1024
SAMPLE_BYTES = 64 * 1024

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def body_offset(codec: str, bom: bool) -> int:
    """Bytes to skip before decoding with ``codec``: the UTF-8 BOM of a file whose body is in
    another encoding (``utf-8-sig``, ``utf-16`` and ``utf-32`` drop their BOM themselves)."""
    name = codecs.lookup(codec).name
    if not bom or name.startswith(("utf-8", "utf-16", "utf-32")):
        return 0
    return len(codecs.BOM_UTF8)


def bom_codec(head: bytes) -> str | None:
    """The codec that decodes a file starting with ``head`` and drops its BOM, if it has one."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs fill one byte of each pair, as in BOM-less UTF-16 text.

    Checked before UTF-8 because UTF-16 text of ASCII characters is also valid UTF-8.
    """
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= 0.6 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.6 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def first_undecodable(path: Path, codec: str) -> int | None:
    """Byte offset of the first byte ``codec`` cannot decode, or None; streams 1 MiB chunks."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    offset = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError as exc:
                return offset + max(exc.start, 0)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _utf8_windows(path: Path, windows: int = 8) -> bool:
    """Whether ``windows`` slices spread over the file (head and tail included) read as UTF-8.

    A window may start or end inside a multi-byte character: up to three continuation bytes
    are skipped at its start, and an incomplete character at its end is not an error.
    """
    size = path.stat().st_size
    starts = sorted(
        {0, *(size * k // windows for k in range(1, windows)), max(size - SAMPLE_BYTES, 0)}
    )
    with path.open("rb") as stream:
        for start in starts:
            stream.seek(start)
            chunk = stream.read(SAMPLE_BYTES)
            if start:
                skip = 0
                while skip < 3 and skip < len(chunk) and 0x80 <= chunk[skip] <= 0xBF:
                    skip += 1
                chunk = chunk[skip:]
            try:
                codecs.getincrementaldecoder("utf-8")("strict").decode(
                    chunk, final=start + SAMPLE_BYTES >= size
                )
            except UnicodeDecodeError:
                return False
    return True


def _sample(path: Path, around: int) -> bytes:
    """The head of the file plus a window around ``around``, where the non-ASCII text is."""
    with path.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
        if around < SAMPLE_BYTES:
            return head
        stream.seek(max(around - SAMPLE_BYTES // 2, 0))
        return head + b"\n" + stream.read(SAMPLE_BYTES)


def _guess_legacy(path: Path, sample: bytes) -> str | None:
    """Codec of a non-UTF-8 file: Western if it reads as French, else charset-normalizer's
    (preferring a Windows code page among equally coherent guesses)."""
    western = western_codec(sample)
    if western is not None and first_undecodable(path, western) is None:
        return western
    matches = sorted(
        from_bytes(sample),
        key=lambda match: (round(match.chaos, 2), not match.encoding.startswith("cp125")),
    )
    for match in matches:
        if first_undecodable(path, match.encoding) is None:
            return str(codecs.lookup(match.encoding).name)
    return None


def detect_encoding(
    path: Path, forced: str | None = None, *, whole_file: bool = True
) -> tuple[str, bool]:
    """(Python codec name, has BOM); a codec with a BOM (``utf-8-sig``, ``utf-16``) drops it.

    With ``whole_file=False`` UTF-8 is judged on slices spread over the file: the caller
    then reads it with a decoder that refuses bad bytes (DuckDB's CSV scanner does) and falls
    back to a whole-file detection if one turns up. Other encodings are always checked whole.
    """
    with path.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
    from_bom = bom_codec(head)
    if forced is not None:
        return _forced(path, forced, from_bom)
    if from_bom == "utf-8-sig":
        return _after_utf8_bom(path, whole_file=whole_file), True
    if from_bom is not None:
        return from_bom, True
    codec = utf16_without_bom(head)
    if codec is not None and first_undecodable(path, codec) is None:
        return codec, False
    if not whole_file and _utf8_windows(path):
        return "utf-8", False
    bad = first_undecodable(path, "utf-8")
    if bad is None:
        return "utf-8", False
    legacy = _guess_legacy(path, _sample(path, bad))
    if legacy is None:
        raise UnreadableFileError(
            "encodage des caractères inconnu (ni UTF-8 ni Windows-1252)",
            "unknown character encoding (neither UTF-8 nor Windows-1252)",
            path=str(path),
            hint_fr="indiquez-le avec --encoding (par exemple --encoding cp1252)",
            hint_en="give it with --encoding (for instance --encoding cp1252)",
        )
    return legacy, False


def _after_utf8_bom(path: Path, *, whole_file: bool) -> str:
    """The codec of the body after a UTF-8 BOM: ``utf-8-sig``, unless the body is not UTF-8.

    Excel and some départements' tools write a UTF-8 BOM before a Windows-1252 body: the BOM
    alone must not make the file UTF-8 (every accented letter would be refused or garbled).
    The body is then judged as any BOM-less file is; the caller skips the BOM
    (:func:`body_offset`) and records the mixture.
    """
    if not whole_file and _utf8_windows(path):
        return "utf-8-sig"
    bad = first_undecodable(path, "utf-8-sig")
    if bad is None:
        return "utf-8-sig"
    legacy = _guess_legacy(path, _sample(path, bad).removeprefix(codecs.BOM_UTF8))
    if legacy is None:
        raise UnreadableFileError(
            "encodage des caractères inconnu : marque UTF-8 (BOM) en tête, mais le texte "
            "n'est ni UTF-8 ni Windows-1252",
            "unknown character encoding: a UTF-8 mark (BOM) at the start, but the text is "
            "neither UTF-8 nor Windows-1252",
            path=str(path),
            hint_fr="indiquez-le avec --encoding (par exemple --encoding cp1252)",
            hint_en="give it with --encoding (for instance --encoding cp1252)",
        )
    return legacy


def _forced(path: Path, forced: str, from_bom: str | None) -> tuple[str, bool]:
    """The user's codec, checked to exist; its BOM-dropping twin when the file has that BOM."""
    try:
        name = codecs.lookup(forced).name
    except LookupError:
        raise UnreadableFileError(
            f"encodage « {forced} » inconnu",
            f"unknown encoding '{forced}'",
            path=str(path),
            hint_fr="utilisez un nom comme utf-8, cp1252, latin-1 ou utf-16",
            hint_en="use a name such as utf-8, cp1252, latin-1 or utf-16",
        ) from None
    if from_bom is not None and name.startswith(from_bom.removesuffix("-sig")):
        return from_bom, True
    # A UTF-8 BOM before a body in the forced codec: the BOM is skipped, not decoded.
    return name, from_bom == "utf-8-sig" and body_offset(name, True) > 0
