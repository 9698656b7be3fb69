"""Pair the file's header labels with the schema's fields and report label errors.

Follows frictionless' rules: with ``fieldsMatch: exact`` (the default) labels pair with fields
by position; every other mode pairs them by name and differs only in what it tolerates
(``subset``/``partial`` accept extra labels, ``superset``/``partial`` accept missing fields
unless required). A label with no field is read as an ``any`` column so that its cells are
not reported on every row.
"""

from __future__ import annotations

from dataclasses import dataclass

from territoria.errors import SchemaError
from territoria.schemas.model import Field, Schema
from territoria.validation import messages as m
from territoria.validation.report import ReportError

TOLERATES_EXTRA_LABELS = ("subset", "partial")
TOLERATES_MISSING_FIELDS = ("superset", "partial")


@dataclass(frozen=True)
class Column:
    """A column of the file as validation reads it: position, reported name, field if any."""

    index: int  # 0-based position in the file (the relation's ``c{index}``)
    name: str  # the field name reported in errors
    field: Field | None  # None: a label without field, read as ``any``

    @property
    def number(self) -> int:
        """1-based position, as frictionless reports ``fieldNumber``."""
        return self.index + 1


def _deduplicate(names: list[str]) -> list[str]:
    out: list[str] = []
    used: set[str] = set()
    for name in names:
        new, suffix = name, 2
        while new in used:
            new, suffix = f"{name}{suffix}", suffix + 1
        out.append(new)
        used.add(new)
    return out


def pair_columns(labels: list[str], schema: Schema) -> list[Column]:
    """The columns to validate, one per label, each with its field or none."""
    fields = list(schema.fields)
    by_name = schema.fields_match != "exact"
    if by_name and len(set(labels)) != len(labels):
        raise SchemaError(
            "« fieldsMatch » apparie les colonnes par nom : les en-têtes doivent être uniques.",
            '"fieldsMatch" pairs columns by name: header labels must be unique.',
            hint_fr="renommez les colonnes en double",
            hint_en="rename the duplicated columns",
        )
    named = {f.name: f for f in fields}
    matched: list[Field | None] = []
    for position, label in enumerate(labels):
        if by_name:
            matched.append(named.get(label))
        else:
            matched.append(fields[position] if position < len(fields) else None)
    names = _deduplicate(
        [f.name if f is not None else label for f, label in zip(matched, labels, strict=True)]
    )
    return [Column(i, names[i], matched[i]) for i in range(len(labels))]


def label_errors(labels: list[str], schema: Schema) -> list[ReportError]:
    """Header errors in frictionless' order: extra, unmatched, missing, then per label."""
    if not labels:
        return [ReportError("blank-header", row_number=None)]
    fields = list(schema.fields)
    mode = schema.fields_match
    by_name = mode != "exact"
    names = {f.name for f in fields}
    errors: list[ReportError] = []
    if mode not in TOLERATES_EXTRA_LABELS:
        for number, label in enumerate(labels, start=1):
            has_field = label in names if by_name else number <= len(fields)
            if not has_field:
                errors.append(
                    ReportError("extra-label", field_name="", field_number=number, label=label)
                )
    if mode == "partial" and fields and not any(label in names for label in labels):
        errors.append(ReportError("unmatched-header"))
    present = set(labels)
    missing = [f for f in fields if f.name not in present] if by_name else fields[len(labels) :]
    if mode in TOLERATES_MISSING_FIELDS:
        missing = [f for f in missing if f.constraints.required or f.name in schema.primary_key]
    for offset, f in enumerate(missing):
        errors.append(
            ReportError(
                "missing-label", field_name=f.name, field_number=len(labels) + 1 + offset, label=""
            )
        )
    if by_name:
        return errors
    for number, (f, label) in enumerate(zip(fields, labels, strict=False), start=1):
        if not label:
            errors.append(
                ReportError("blank-label", field_name=f.name, field_number=number, label="")
            )
            continue
        earlier = [n for n, seen in enumerate(labels[: number - 1], start=1) if seen == label]
        if earlier:
            positions = ", ".join(map(str, earlier))
            errors.append(
                ReportError(
                    "duplicate-label",
                    field_name=f.name,
                    field_number=number,
                    label=label,
                    note_fr=m.DUPLICATE_AT_FR.format(positions=positions),
                    note_en=m.DUPLICATE_AT_EN.format(positions=positions),
                )
            )
            continue
        if label != f.name:
            errors.append(
                ReportError("incorrect-label", field_name=f.name, field_number=number, label=label)
            )
    return errors
