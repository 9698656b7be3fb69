"""The ``any`` type: every cell is valid and kept as its text."""

from __future__ import annotations

from territoria.schemas.model import Field
from territoria.schemas.types._base import Invalid, Sample

FORMATS: tuple[str, ...] | None = None


def parse(cell: str, field: Field) -> str | Invalid:
    """Any text is an ``any`` value."""
    return cell


VALID_SAMPLES: list[Sample] = [("x", {}), ("12", {}), ("  ", {}), ("é;,", {})]
INVALID_SAMPLES: list[Sample] = []
