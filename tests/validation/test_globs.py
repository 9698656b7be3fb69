"""Fixed-shape patterns rewritten as GLOBs match exactly what RE2 fully matches."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territoria.validation.cells.globs import regex_to_globs
from territoria.validation.cells.sql import text

TRANSLATED = [
    "(2[AB]|[0-9]{2})[0-9]{3}",  # code INSEE
    "[0-9]{14}",  # SIRET
    "[0-9]{5}",  # code postal
    r"\d{9}",  # SIREN
    "[A-Z]{2}[0-9]{1,3}",
    "(?:FR|BE)-[0-9]{2}",
    r"[0-9]{2}\.[0-9]{2}",
    "20[0-9]{2}-[0-1][0-9]",
    "[a-z-]{2}x?",
]
REFUSED = ["a.b", "[^0-9]", "(?i)abc", "[0-9]+", r"\w", "FR[0-9]{2}?", "(?=a)b", "[é]", "a*b"]
CON = duckdb.connect()


@pytest.mark.parametrize("pattern", REFUSED)
def test_open_or_engine_dependent_patterns_are_left_to_the_regex(pattern: str) -> None:
    assert regex_to_globs(pattern) is None


@pytest.mark.parametrize("pattern", TRANSLATED)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_globs_match_what_the_regex_matches(pattern: str, data: st.DataObject) -> None:
    noise = st.text("0123456789ABFRabxz-.*?[] é", max_size=16)
    cells = data.draw(st.lists(st.one_of(st.from_regex(pattern, fullmatch=True), noise)))
    if not cells:
        return
    globs = regex_to_globs(pattern)
    assert globs
    either = " OR ".join(f"c GLOB {text(glob)}" for glob in globs)
    values = ", ".join(f"({i}, {text(cell)})" for i, cell in enumerate(cells))
    rows = CON.execute(
        f"SELECT c, regexp_full_match(c, {text(pattern)}), ({either}) "
        f"FROM (VALUES {values}) AS t(i, c) ORDER BY i"
    ).fetchall()
    for cell, by_regex, by_glob in rows:
        assert by_regex == by_glob, (cell, pattern, globs)


def test_a_matching_code_is_generated_for_each_alternative() -> None:
    """Cells built to match every alternative, so the test above is not only about misses."""
    globs = regex_to_globs("(2[AB]|[0-9]{2})[0-9]{3}")
    assert globs == ["2[AB][0-9][0-9][0-9]", "[0-9][0-9][0-9][0-9][0-9]"]
    found = CON.execute(
        "SELECT count(*) FROM (VALUES ('2A004'), ('75056'), ('2C004')) AS t(c) "
        f"WHERE {' OR '.join(f'c GLOB {text(g)}' for g in globs)}"
    ).fetchone()
    assert found == (2,)
