"""The validation report: frictionless' shape and vocabulary, exact counts, capped listing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from territoria.validation.messages import KINDS


@dataclass(frozen=True)
class ReportError:
    """One error; notes are kept in both languages, rendering picks one."""

    type: str
    row_number: int | None = None
    field_name: str | None = None
    field_number: int | None = None
    cell: str | None = None
    label: str | None = None
    note_fr: str = ""
    note_en: str = ""

    def triple(self) -> tuple[str, int | None, str | None]:
        """``(type, rowNumber, fieldName)``: what tests compare with frictionless."""
        return (self.type, self.row_number, self.field_name or None)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """frictionless-compatible descriptor, message in ``lang`` (fr or en)."""
        kind = KINDS[self.type]
        note = self.note_fr if lang == "fr" else self.note_en
        values = {
            "rowNumber": self.row_number,
            "fieldName": self.field_name or "",
            "fieldNumber": self.field_number,
            "cell": self.cell if self.cell is not None else "",
            "label": self.label or "",
            "note": note,
        }
        template = kind.template_fr if lang == "fr" else kind.template_en
        out: dict[str, Any] = {
            "type": self.type,
            "title": kind.title_fr if lang == "fr" else kind.title_en,
            "message": template.format(**values),
            "tags": list(kind.tags),
            "note": note,
        }
        if self.row_number is not None:
            out["rowNumber"] = self.row_number
        if self.field_name is not None:
            out["fieldName"] = self.field_name
        if self.field_number is not None:
            out["fieldNumber"] = self.field_number
        if self.cell is not None:
            out["cell"] = self.cell
        if self.label is not None:
            out["label"] = self.label
        return out


@dataclass
class Report:
    """Outcome of validating one table; ``error_count`` is exact, ``errors`` may be capped."""

    place: str
    labels: list[str]
    fields: int
    rows: int
    errors: list[ReportError]
    error_count: int
    errors_by_type: dict[str, int]
    invalid_rows: int
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    sha256: str | None = None
    bytes: int | None = None
    detection: dict[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """True when the table has no error at all."""
        return self.error_count == 0

    @property
    def blank_rows(self) -> int:
        """Rows with no cell filled: reported as frictionless does, but they hold no data."""
        return self.errors_by_type.get("blank-row", 0)

    @property
    def blocking(self) -> bool:
        """True when an error concerns data (anything but blank rows): what makes an ingest
        refuse the file. Blank rows are dropped from a version and kept in its report."""
        return self.error_count > self.blank_rows

    @property
    def truncated(self) -> bool:
        """True when fewer errors are listed than were found."""
        return len(self.errors) < self.error_count

    def triples(self) -> list[tuple[str, int | None, str | None]]:
        """Listed errors as ``(type, rowNumber, fieldName)`` triples, in report order."""
        return [error.triple() for error in self.errors]

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON report of ARCHITECTURE.md: frictionless' shape plus exact counts by type."""
        stats: dict[str, Any] = {
            "errors": self.error_count,
            "warnings": len(self.warnings),
            "seconds": round(self.seconds, 3),
            "fields": self.fields,
            "rows": self.rows,
            "invalidRows": self.invalid_rows,
            "errorsByType": dict(sorted(self.errors_by_type.items())),
            "listedErrors": len(self.errors),
        }
        if self.sha256:
            stats["sha256"] = self.sha256
        if self.bytes is not None:
            stats["bytes"] = self.bytes
        task = {
            "name": self.place.rsplit("/", 1)[-1].rsplit(".", 1)[0],
            "type": "table",
            "valid": self.valid,
            "place": self.place,
            "labels": list(self.labels),
            "stats": stats,
            "warnings": list(self.warnings),
            "errors": [error.to_dict(lang) for error in self.errors],
        }
        if self.detection:
            task["dialect"] = dict(self.detection)
        return {
            "valid": self.valid,
            "stats": {
                "tasks": 1,
                "errors": self.error_count,
                "rows": self.rows,  # beyond frictionless: ARCHITECTURE's contract shows it here
                "warnings": len(self.warnings),
                "seconds": round(self.seconds, 3),
            },
            "warnings": list(self.warnings),
            "errors": [],
            "tasks": [task],
        }
