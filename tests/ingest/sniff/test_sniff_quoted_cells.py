"""Delimiter sniffing counts only the separators outside quoted cells."""

from __future__ import annotations

import json

import pytest

from territoria.ingest.sniff.dialect import detect_dialect, mask_quoted


def test_mask_empties_quoted_cells_and_keeps_the_separators_outside() -> None:
    text = 'a;"x, y; z";b\n1;"multi\nline, cell";2\n'
    assert mask_quoted(text, '"') == 'a;"";b\n1;"";2\n'


def test_mask_leaves_a_quote_inside_an_unquoted_cell() -> None:
    text = 'a;ecran 5" large, neuf;b\n'
    assert mask_quoted(text, '"') == text


@pytest.mark.parametrize(
    ("delimiter", "inside"),
    [(";", ","), (",", ";"), ("\t", ","), ("|", ";")],
)
def test_wide_quoted_cells_never_outvote_the_delimiter(delimiter: str, inside: str) -> None:
    """Every line holds a quoted cell with many of another candidate, alike on each line."""
    noise = inside.join(["[1.5", "2.5]"] * 12)
    lines = [delimiter.join(["code", "forme"])]
    lines += [delimiter.join([str(n), json.dumps(noise)]) for n in range(50)]
    assert detect_dialect("\n".join(lines) + "\n")[0] == delimiter


def test_geojson_cells_of_an_opendatasoft_export() -> None:
    shape = {"type": "Polygon", "coordinates": [[[2.1, 48.1], [2.2, 48.1], [2.1, 48.1]]]}
    cell = '"' + json.dumps(shape).replace('"', '""') + '"'
    lines = ["Code INSEE;Geo Point 2d;Geo Shape"]
    lines += [f'7505{n % 10};"48.85, 2.35";{cell}' for n in range(30)]
    assert detect_dialect("\n".join(lines) + "\n") == (";", '"')
