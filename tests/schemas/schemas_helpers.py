"""Shared helpers of the schema tests: the type modules and their declared samples."""

from __future__ import annotations

from typing import Any

from territoria.schemas.descriptor import field_from_dict
from territoria.schemas.model import Field
from territoria.schemas.types import TYPE_MODULES


def descriptor_for(kind: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """The field descriptor a sample is read with."""
    return {"name": "cellule", "type": kind, **overrides}


def field_for(kind: str, overrides: dict[str, Any]) -> Field:
    """Our model of that descriptor."""
    return field_from_dict(descriptor_for(kind, overrides), index=0, source=None)


def samples(attribute: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(type, cell, overrides) for every sample of every type module."""
    return [
        (kind, cell, overrides)
        for kind, module in sorted(TYPE_MODULES.items())
        for cell, overrides in getattr(module, attribute)
    ]


def sample_id(case: tuple[str, str, dict[str, Any]]) -> str:
    kind, cell, overrides = case
    return f"{kind}:{cell!r}:{overrides}" if overrides else f"{kind}:{cell!r}"
