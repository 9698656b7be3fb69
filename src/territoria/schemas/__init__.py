"""Table Schemas: the typed model, the loader, the bundled national schemas and inference."""

from __future__ import annotations

from territoria.schemas.inference import infer_schema
from territoria.schemas.loader import load_schema
from territoria.schemas.model import Constraints, Field, Schema
from territoria.schemas.registry import BundledSchema, list_bundled

__all__ = [
    "BundledSchema",
    "Constraints",
    "Field",
    "Schema",
    "infer_schema",
    "list_bundled",
    "load_schema",
]
