"""The ``object`` type: a cell holding a JSON object."""

from __future__ import annotations

import json
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None


def parse(cell: str, field: Field) -> dict[str, Any] | Invalid:
    """The decoded JSON object; any other JSON value (or non-JSON) is INVALID."""
    try:
        value = json.loads(cell)
    except ValueError:
        return INVALID
    return value if isinstance(value, dict) else INVALID


VALID_SAMPLES: list[Sample] = [
    ("{}", {}),
    ('{"nom": "Lyon", "population": 522250}', {}),
    (' {"a": [1, 2]} ', {}),
]
INVALID_SAMPLES: list[Sample] = [
    ("[]", {}),
    ('"texte"', {}),
    ("{nom: 'Lyon'}", {}),
    ("12", {}),
    ("", {"missingValues": []}),
]
