"""Type parsers accept their valid samples, reject the invalid ones, and agree with frictionless."""

from __future__ import annotations

from typing import Any

import pytest
from frictionless import Field as FrictionlessField
from schemas_helpers import descriptor_for, field_for, sample_id, samples

from territoria.schemas.types import INVALID, TYPE_MODULES, parse_cell

VALID = samples("VALID_SAMPLES")
INVALID_CASES = samples("INVALID_SAMPLES")
ALL = [(*case, True) for case in VALID] + [(*case, False) for case in INVALID_CASES]


def test_every_type_has_a_module_with_samples() -> None:
    expected = {
        "string", "number", "integer", "boolean", "date", "time", "datetime", "year",
        "yearmonth", "duration", "geopoint", "geojson", "object", "array", "list", "any",
    }  # fmt: skip
    assert set(TYPE_MODULES) == expected
    for kind, module in TYPE_MODULES.items():
        assert module.VALID_SAMPLES, kind
        assert kind == "any" or module.INVALID_SAMPLES, kind


@pytest.mark.parametrize("case", VALID, ids=sample_id)
def test_valid_sample_parses(case: tuple[str, str, dict[str, Any]]) -> None:
    kind, cell, overrides = case
    assert parse_cell(cell, field_for(kind, overrides)) is not INVALID


@pytest.mark.parametrize("case", INVALID_CASES, ids=sample_id)
def test_invalid_sample_is_rejected(case: tuple[str, str, dict[str, Any]]) -> None:
    kind, cell, overrides = case
    assert parse_cell(cell, field_for(kind, overrides)) is INVALID


def frictionless_accepts(kind: str, cell: str, overrides: dict[str, Any]) -> bool:
    """Whether frictionless reads the cell without a type error (constraints aside)."""
    field = FrictionlessField.from_descriptor(descriptor_for(kind, overrides))
    _, notes = field.read_cell(cell)
    return not notes or "type" not in notes


@pytest.mark.parametrize("case", ALL, ids=lambda c: sample_id(c[:3]))
def test_frictionless_agrees(case: tuple[str, str, dict[str, Any], bool]) -> None:
    kind, cell, overrides, expected = case
    assert frictionless_accepts(kind, cell, overrides) is expected
