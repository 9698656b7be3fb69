"""The RFC 7946 geometry check on its declared samples, as the GeoJSON reader decodes them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from territoria.ingest.readers.geometry import INVALID_SAMPLES, VALID_SAMPLES, geometry_problem
from territoria.ingest.readers.jsonstream import DECODER


def decoded(geometry: dict[str, Any]) -> Any:
    """The geometry as the reader sees it: numbers kept as their source text."""
    return DECODER.decode(json.dumps(geometry))


@pytest.mark.parametrize("geometry", VALID_SAMPLES, ids=json.dumps)
def test_valid_geometries_pass(geometry: dict[str, Any]) -> None:
    assert geometry_problem(decoded(geometry)) is None


@pytest.mark.parametrize("geometry", INVALID_SAMPLES, ids=json.dumps)
def test_invalid_geometries_say_why_in_both_languages(geometry: dict[str, Any]) -> None:
    problem = geometry_problem(decoded(geometry))
    assert problem is not None
    french, english = problem
    assert french and english and french != english
