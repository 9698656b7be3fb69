"""Size limits every reader enforces so that a hostile or broken file cannot exhaust the machine."""

from __future__ import annotations

from dataclasses import dataclass

from territoria.config import Settings

MIB = 1024**2


@dataclass(frozen=True)
class ReaderLimits:
    """Bounds a reader refuses to cross; the defaults match the instance settings' defaults."""

    max_uncompressed_bytes: int = 512 * MIB
    """Largest uncompressed size of a zipped spreadsheet (XLSX, ODS) or of an XLS file."""
    max_compression_ratio: float = 100.0
    """A zip entry expanding more than this many times ..."""
    ratio_floor_bytes: int = 50 * MIB
    """... and to more than this many bytes is taken for a zip bomb."""
    max_line_bytes: int = 16 * MIB
    """Longest line of a JSON Lines file."""

    @classmethod
    def from_settings(cls, settings: Settings) -> ReaderLimits:
        """The limits configured for an instance."""
        return cls(
            max_uncompressed_bytes=settings.max_xlsx_uncompressed_bytes,
            max_line_bytes=settings.max_line_bytes,
        )
