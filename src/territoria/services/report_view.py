"""A validation report arranged for reading: errors grouped by type, each type with its
title and plain-language fix in both languages, and which cells each listed error marks.

Built from the report's JSON (frictionless' shape): the wizard's fresh report and a stored
version's report read alike. Counts per type are the report's exact ones, even when the
listed errors were capped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from territoria.validation.fixes import fix_for
from territoria.validation.messages import KINDS

PER_TYPE = 100  # errors listed (and marked) per type at most; the counts stay exact
Cell = tuple[int | None, int | None]  # (rowNumber, fieldNumber); None: the whole row/header


@dataclass
class ListedError:
    """One listed error, with the id the cells it marks refer to (``aria-describedby``)."""

    anchor: str
    message: str
    row: int | None
    field_number: int | None
    field_name: str | None
    cell: str | None


@dataclass
class ErrorGroup:
    """The errors of one type."""

    type: str
    title: dict[str, str]
    fix: dict[str, str]
    count: int
    errors: list[ListedError] = field(default_factory=list)

    @property
    def unlisted(self) -> int:
        """Errors of this type counted but not listed (the report's cap, or ours)."""
        return max(0, self.count - len(self.errors))


@dataclass
class ReportView:
    """The report as the portal shows it."""

    valid: bool
    rows: int
    error_count: int
    invalid_rows: int
    truncated: bool
    labels: list[str]
    groups: list[ErrorGroup]
    marks: dict[Cell, list[str]]  # cell → anchors of the errors concerning it
    detection: dict[str, Any]

    def marked(self, row: int | None, field_number: int | None) -> list[str]:
        """Anchors of the errors on this cell, on its whole row, or (header) its label."""
        return self.marks.get((row, field_number), []) + (
            self.marks.get((row, None), []) if field_number is not None else []
        )


def report_view(
    report: dict[str, Any], prefix: str = "err", per_type: int = PER_TYPE
) -> ReportView:
    """``report`` (a frictionless-shaped dict) grouped by error type, anchors ``prefix-N``;
    ``per_type`` errors of each type are listed and marked at most."""
    task = (report.get("tasks") or [{}])[0]
    stats = task.get("stats", {})
    groups: dict[str, ErrorGroup] = {}
    for slug, count in stats.get("errorsByType", {}).items():
        groups[slug] = _group(slug, int(count))
    marks: dict[Cell, list[str]] = {}
    for index, error in enumerate(task.get("errors", []), start=1):
        slug = error.get("type", "")
        group = groups.setdefault(slug, _group(slug, 0))
        if len(group.errors) >= per_type:
            continue
        anchor = f"{prefix}-{index}"
        row = error.get("rowNumber")
        # a label error names a header cell; a row error without a field marks the whole row
        number = error.get("fieldNumber") if "#cell" in error.get("tags", ["#cell"]) else None
        if "#label" in error.get("tags", []):
            number = error.get("fieldNumber")
            row = None
        listed = ListedError(
            anchor,
            error.get("message", ""),
            row,
            number,
            error.get("fieldName"),
            error.get("cell"),
        )
        group.errors.append(listed)
        marks.setdefault((row, number), []).append(anchor)
    for group in groups.values():  # a report without counts by type: what it lists
        group.count = max(group.count, len(group.errors))
    ordered = sorted(groups.values(), key=_reading_order)
    return ReportView(
        valid=bool(report.get("valid", task.get("valid", True))),
        rows=int(stats.get("rows", 0)),
        error_count=int(stats.get("errors", 0)),
        invalid_rows=int(stats.get("invalidRows", 0)),
        truncated=int(stats.get("listedErrors", 0)) < int(stats.get("errors", 0)),
        labels=list(task.get("labels", [])),
        groups=ordered,
        marks=marks,
        detection=dict(task.get("dialect", {})),
    )


def _reading_order(group: ErrorGroup) -> tuple[int, int, str]:
    """The header's errors first (fixing them often fixes the cells'), then the most
    frequent types."""
    kind = KINDS.get(group.type)
    return (0 if kind and "#header" in kind.tags else 1, -group.count, group.type)


def _group(slug: str, count: int) -> ErrorGroup:
    kind = KINDS.get(slug)
    title = {"fr": kind.title_fr, "en": kind.title_en} if kind else {"fr": slug, "en": slug}
    fix = fix_for(slug)
    return ErrorGroup(slug, title, {"fr": fix.fr, "en": fix.en}, count)
