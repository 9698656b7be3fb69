"""The SQL masks agree with the Python reference on every cell they decide.

The fast paths trade regular expressions for DuckDB casts where they can; a cast accepts forms
Table Schema refuses (``' 12'``, ``'0x10'``, ``'nan'``…), so each path is checked here against
the reference on cells drawn from the characters that make those forms, not only on the
happy path.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from territoria.schemas.loader import load_schema
from territoria.schemas.model import Field
from territoria.validation.cells.bits import UNDECIDED
from territoria.validation.cells.compile import compile_column
from territoria.validation.cells.reference import make_checker
from territoria.validation.cells.sql import text

NUMERIC = "0123456789"
NOISE = " -+._,eExXnaifINAF\t€%"

FIELDS: list[dict[str, Any]] = [
    {"name": "n", "type": "number"},
    {"name": "n", "type": "number", "constraints": {"minimum": -90, "maximum": 90}},
    {"name": "n", "type": "number", "constraints": {"exclusiveMinimum": 0}},
    {"name": "n", "type": "number", "decimalChar": ",", "groupChar": " "},
    {"name": "n", "type": "number", "decimalChar": ",", "constraints": {"minimum": 0}},
    {"name": "i", "type": "integer"},
    {"name": "i", "type": "integer", "constraints": {"minimum": 0, "maximum": 1000}},
    {"name": "i", "type": "integer", "constraints": {"enum": [1, 2, 3]}},
    {"name": "y", "type": "year", "constraints": {"minimum": 1900}},
    {"name": "d", "type": "date"},
    {"name": "d", "type": "date", "constraints": {"minimum": "2000-01-01"}},
    {"name": "b", "type": "boolean"},
    {"name": "s", "type": "string", "constraints": {"pattern": "(2[AB]|[0-9]{2})[0-9]{3}"}},
    {"name": "s", "type": "string", "constraints": {"minLength": 2, "maxLength": 4}},
    {"name": "s", "type": "string", "constraints": {"enum": ["Verre", "Bois", "Métaux"]}},
    {"name": "s", "type": "string", "format": "email"},
    {"name": "s", "type": "string", "format": "uuid"},
]


def _cells() -> st.SearchStrategy[str]:
    digits = st.text(NUMERIC, min_size=1, max_size=6)
    noisy = st.text(NUMERIC + NOISE, max_size=8)
    dates = st.builds(
        lambda y, m, d, sep: f"{y}{sep}{m}{sep}{d}",
        st.text(NUMERIC + " +", min_size=1, max_size=5),
        st.text(NUMERIC + " ", min_size=1, max_size=3),
        st.text(NUMERIC + " ", min_size=1, max_size=3),
        st.sampled_from(["-", "/", " ", ""]),
    )
    words = st.sampled_from(
        [
            "Verre",
            "verre",
            "Bois ",
            "Métaux",
            "a@b.fr",
            "A.B@c-d.org",
            "x@y",
            "@b.fr",
            "a@b.c",
            "123e4567-e89b-12d3-a456-426614174000",
            "true",
            "FALSE",
            "yes",
            "0",
            "1",
            "2A004",
            "2C004",
            "75056",
            "7505",
            "nan",
            "inf",
            "-Infinity",
            "1e3",
            "0x10",
            "1_000",
            "",
            " ",
            "+-1",
            "1e-400",
            "1e400",
            "-0",
            "1E5",
            "0.1000000000000000001",
            "90.00000000000000001",
            "007",
            "2024-02-30",
            "2024-2-3",
            "0999-01-01",
            "12.",
            ".5",
            "1 234,5",
            "1.5",
        ]
    )
    return st.one_of(digits, noisy, dates, words)


def _field(descriptor: dict[str, Any]) -> Field:
    return load_schema({"fields": [descriptor]}).fields[0]


CON = duckdb.connect()


def _sql_masks(field: Field, cells: list[str]) -> list[int]:
    """The mask of each cell, computed by DuckDB from the compiled SQL."""
    compiled = compile_column("c0", field, ("",), "v0")
    rows = ", ".join(f"({i}, {text(cell)})" for i, cell in enumerate(cells))
    prepared = f", {compiled.prepared}" if compiled.prepared else ""
    found = CON.execute(
        f"SELECT {compiled.mask} FROM (SELECT *{prepared} FROM (VALUES {rows}) AS t(i, c0)) "
        "ORDER BY i"
    ).fetchall()
    return [int(row[0]) for row in found]


@pytest.mark.parametrize("descriptor", FIELDS, ids=lambda d: str(d))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(_cells(), min_size=1, max_size=60))
def test_sql_mask_equals_reference_when_decided(
    descriptor: dict[str, Any], cells: list[str]
) -> None:
    field = _field(descriptor)
    reference = make_checker(field, ("",))
    for cell, mask in zip(cells, _sql_masks(field, cells), strict=True):
        if mask == UNDECIDED:
            continue
        assert mask == reference(cell), f"{cell!r}: SQL {mask}, reference {reference(cell)}"


@pytest.mark.parametrize(
    ("descriptor", "cell"),
    [
        ({"name": "n", "type": "number"}, "12.5"),
        ({"name": "n", "type": "number", "decimalChar": ","}, "12,5"),
        ({"name": "i", "type": "integer"}, "42"),
        ({"name": "d", "type": "date"}, "2024-02-29"),
        ({"name": "s", "type": "string", "format": "email"}, "dechets@ville.fr"),
    ],
)
def test_common_forms_are_decided_in_sql(descriptor: dict[str, Any], cell: str) -> None:
    """The everyday form of each type never needs the Python reference."""
    assert _sql_masks(_field(descriptor), [cell]) == [0]
