"""Refuse zip bombs and oversized workbooks from the zip directory, before inflating anything."""

from __future__ import annotations

import zipfile
from pathlib import Path

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.limits import MIB, ReaderLimits

_HINT_FR = "Enregistrez le tableau en CSV, ou demandez à l’administrateur de relever la limite."
_HINT_EN = "Save the table as CSV, or ask the administrator to raise the limit."


def _too_large(path: Path, size: int, limits: ReaderLimits) -> UnreadableFileError:
    return UnreadableFileError(
        f"Le classeur décompressé ferait {size // MIB} Mio, au-delà de la limite de "
        f"{limits.max_uncompressed_bytes // MIB} Mio.",
        f"The uncompressed workbook would take {size // MIB} MiB, over the "
        f"{limits.max_uncompressed_bytes // MIB} MiB limit.",
        path=str(path),
        hint_fr=_HINT_FR,
        hint_en=_HINT_EN,
        details={"uncompressedBytes": size, "limitBytes": limits.max_uncompressed_bytes},
    )


def check_zip(path: Path, limits: ReaderLimits) -> None:
    """Raise if the zip is corrupt, too large once inflated, or holds an absurdly inflating entry.

    Only the central directory is read: nothing is decompressed, so a bomb is refused at once.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UnreadableFileError(
            "Le classeur est endommagé : son archive zip est illisible.",
            "The workbook is damaged: its zip archive cannot be read.",
            path=str(path),
            hint_fr="Ouvrez-le et réenregistrez-le avec votre tableur.",
            hint_en="Open it and save it again with your spreadsheet software.",
            details={"reason": str(exc)},
        ) from exc
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise _too_large(path, total, limits)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_compression_ratio and entry.file_size > limits.ratio_floor_bytes:
            raise UnreadableFileError(
                f"L’élément « {entry.filename} » du classeur se décompresse {ratio:.0f} fois : "
                "c’est le signe d’une bombe de décompression, le fichier est refusé.",
                f"Workbook entry '{entry.filename}' inflates {ratio:.0f} times: "
                "this is the mark of a zip bomb, the file is refused.",
                path=str(path),
                hint_fr=_HINT_FR,
                hint_en=_HINT_EN,
                details={"entry": entry.filename, "ratio": round(ratio)},
            )


def check_plain_size(path: Path, limits: ReaderLimits) -> None:
    """Raise if an uncompressed workbook (XLS) is larger than the limit."""
    size = path.stat().st_size
    if size > limits.max_uncompressed_bytes:
        raise _too_large(path, size, limits)
