"""Checks that a ``pattern`` constraint compiles in Python and runs unchanged in RE2 (DuckDB)."""

from __future__ import annotations

import re
from typing import Any

from territoria.schemas.problems import fail

_GROUP_FEATURES = {
    "(?=": ("une anticipation (lookahead)", "a lookahead"),
    "(?!": ("une anticipation négative (negative lookahead)", "a negative lookahead"),
    "(?<=": ("une rétro-assertion (lookbehind)", "a lookbehind"),
    "(?<!": ("une rétro-assertion négative (negative lookbehind)", "a negative lookbehind"),
    "(?>": ("un groupe atomique", "an atomic group"),
    "(?(": ("un groupe conditionnel", "a conditional group"),
    "(?P=": ("une référence arrière nommée", "a named backreference"),
}
_BACKREFERENCE = ("une référence arrière (\\1…)", "a backreference (\\1…)")
_POSSESSIVE = ("un quantificateur possessif (*+, ++, ?+)", "a possessive quantifier (*+, ++, ?+)")


def python_error(pattern: str) -> str | None:
    """Python's complaint about the pattern, or None when it compiles."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(error)
    return None


def re2_incompatibility(pattern: str) -> tuple[str, str] | None:
    """What RE2 cannot run in the pattern (French, English), or None when it is portable."""
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if not in_class and following.isdigit() and following != "0":
                return _BACKREFERENCE
            if not in_class and following == "k":
                return _BACKREFERENCE
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            # a ']' right after '[' or '[^' is a literal member of the class
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            for opening, names in _GROUP_FEATURES.items():
                if pattern.startswith(opening, index):
                    return names
        elif char in "*+?}" and pattern[index + 1 : index + 2] == "+":
            return _POSSESSIVE
        index += 1
    return None


def check_pattern(value: Any, where_fr: str, where_en: str, source: str | None) -> None:
    """A ``pattern`` constraint is a string that compiles in Python and runs in RE2."""
    if not isinstance(value, str):
        fail(
            source,
            f"{where_fr} : doit être un texte (expression régulière)",
            f"{where_en}: must be a string (regular expression)",
        )
    problem = python_error(value)
    if problem is not None:
        fail(
            source,
            f"{where_fr} : expression régulière invalide ({problem})",
            f"{where_en}: invalid regular expression ({problem})",
            "corrigez l'expression régulière",
            "fix the regular expression",
        )
    portability = re2_incompatibility(value)
    if portability is not None:
        fail(
            source,
            f"{where_fr} : l'expression utilise {portability[0]}, "
            "que le moteur de validation (RE2, DuckDB) ne sait pas exécuter",
            f"{where_en}: the expression uses {portability[1]}, "
            "which the validation engine (RE2, DuckDB) cannot run",
            "réécrivez-la sans cette construction",
            "rewrite it without that construct",
        )
