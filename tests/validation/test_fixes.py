"""Every validation error type has a plain-language fix in French and English."""

from __future__ import annotations

from territoria.validation.fixes import FIXES, GENERIC, fix_for
from territoria.validation.messages import KINDS


def test_every_error_type_has_its_fix_in_both_languages() -> None:
    assert set(FIXES) == set(KINDS)
    for slug, fix in FIXES.items():
        assert fix.fr and fix.en and fix.fr != fix.en, slug
        assert fix.text("en") == fix.en and fix.text("fr") == fix.fr


def test_an_unknown_type_gets_the_generic_fix() -> None:
    assert fix_for("not-a-type") is GENERIC
