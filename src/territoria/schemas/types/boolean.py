"""The ``boolean`` type: exact matches against ``trueValues`` and ``falseValues``."""

from __future__ import annotations

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None


def parse(cell: str, field: Field) -> bool | Invalid:
    """True or False by exact, case-sensitive match (a value in both lists reads False)."""
    if cell in field.false_values:
        return False
    if cell in field.true_values:
        return True
    return INVALID


VALID_SAMPLES: list[Sample] = [
    ("true", {}),
    ("True", {}),
    ("TRUE", {}),
    ("1", {}),
    ("false", {}),
    ("FALSE", {}),
    ("0", {}),
    ("oui", {"trueValues": ["oui"], "falseValues": ["non"]}),
    ("Non", {"trueValues": ["Oui"], "falseValues": ["Non"]}),
    ("vrai", {"trueValues": ["vrai"], "falseValues": ["faux"]}),
]
INVALID_SAMPLES: list[Sample] = [
    ("yes", {}),
    ("tRue", {}),
    (" true", {}),
    ("oui", {}),
    ("OUI", {"trueValues": ["oui"], "falseValues": ["non"]}),
    ("true", {"trueValues": ["oui"], "falseValues": ["non"]}),
    ("2", {}),
]
