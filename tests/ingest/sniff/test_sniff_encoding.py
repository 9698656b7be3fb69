"""Encoding detection on hand-made files: BOMs, UTF-16, Windows-1252 late in a big file."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.encoding import detect_encoding

TEXT = "nom;montant;commentaire\nAssociation Léo Lagrange;1 234,56;l’été à Noël\n"
ASCII_BULK = "code;libelle;valeur\n" + "A1;sans accent;12\n" * 200_000  # ~3.6 MB


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), ("utf-8", False)),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), ("utf-8-sig", True)),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), ("utf-16", True)),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), ("utf-16", True)),
        (TEXT.encode("utf-16-le"), ("utf-16-le", False)),
        (TEXT.encode("utf-16-be"), ("utf-16-be", False)),
        (TEXT.encode("cp1252"), ("cp1252", False)),
        (b"nom;ville\nDupont;Besan\xe7on\n", ("cp1252", False)),
        (b"a;b\nc;d\n", ("utf-8", False)),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "cp1252",
         "latin1-compatible", "ascii"],
)  # fmt: skip
def test_detects_and_decodes(tmp_path: Path, data: bytes, expected: tuple[str, bool]) -> None:
    path = write(tmp_path, data)
    assert detect_encoding(path) == expected
    assert "Ã" not in data.decode(expected[0])
    assert not data.decode(expected[0]).startswith("\ufeff")


def test_cp1252_only_on_the_last_line_of_a_big_file(tmp_path: Path) -> None:
    """The only non-ASCII bytes (€ 0x80, ’ 0x92) sit after 3.6 MB of ASCII: beyond any head."""
    tail = "Z9;coût de l’opération;1 000 €\n"
    path = write(tmp_path, (ASCII_BULK + tail).encode("cp1252"))
    assert detect_encoding(path) == ("cp1252", False)
    assert path.read_bytes().decode("cp1252").endswith(tail)


def test_utf8_accent_only_at_the_end_of_a_big_file(tmp_path: Path) -> None:
    path = write(tmp_path, (ASCII_BULK + "Z9;été;1\n").encode("utf-8"))
    assert detect_encoding(path) == ("utf-8", False)


def test_latin1_when_cp1252_cannot_decode(tmp_path: Path) -> None:
    """0x81 is undefined in Windows-1252: only ISO-8859-1 reads such a file."""
    path = write(tmp_path, "ville;note\nSète;é\n".encode("latin-1") + b"Caf\xe9\x81;1\n")
    assert detect_encoding(path) == ("latin-1", False)


@pytest.mark.parametrize("codec", ["mac_roman", "cp850"])
def test_french_from_mac_and_dos_exports(tmp_path: Path, codec: str) -> None:
    text = "Période élevée à Noël; côté façade; où\n" * 30
    path = write(tmp_path, text.encode(codec))
    encoding, bom = detect_encoding(path)
    assert (encoding, bom) == (codec, False)


def test_non_western_text_goes_to_charset_normalizer(tmp_path: Path) -> None:
    text = "Город;Население\nМосква;12 600 000\nСанкт-Петербург;5 400 000\n" * 20
    path = write(tmp_path, text.encode("cp1251"))
    encoding, _ = detect_encoding(path)
    assert path.read_bytes().decode(encoding) == text


def test_undecodable_bytes_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, os.urandom(20_000).replace(b"\x00", b"a"))
    with pytest.raises(UnreadableFileError) as caught:
        detect_encoding(path)
    assert caught.value.hint_en is not None and "--encoding" in caught.value.hint_en
    assert caught.value.path == str(path)


def test_forced_encoding_wins_and_keeps_bom_handling(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert detect_encoding(path, forced="UTF8") == ("utf-8-sig", True)
    # The BOM is still there (and skipped), whatever codec the body is forced to.
    assert detect_encoding(path, forced="cp1252") == ("cp1252", True)


def test_forced_unknown_encoding_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT.encode("utf-8"))
    with pytest.raises(UnreadableFileError, match="inconnu"):
        detect_encoding(path, forced="klingon-8")
