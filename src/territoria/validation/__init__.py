"""Validation of tables against Table Schemas, vectorised on DuckDB, frictionless-compatible."""

from territoria.validation.report import Report, ReportError
from territoria.validation.validator import validate

__all__ = ["Report", "ReportError", "validate"]
