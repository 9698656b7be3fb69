"""Full-text filters: a bare string, ``search()``, ``suggest()``, ``startswith()``, ``like``.

Each function takes optional text fields (or ``*``) then the text, as Opendatasoft's own
client writes them (``search(nom, objet, "club")``; no field means every text field). Every
word of the text must match, each in any of the fields; how a word matches is in
``text_match``: ``search`` fuzzy with the last word a prefix, ``suggest`` word prefixes,
``startswith`` the start of the whole value (case-sensitive), ``like`` substrings with ``*``.
Opendatasoft also stems words by language; Territoria does not.
"""

from __future__ import annotations

from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.text_match import (
    Matcher,
    fuzzy,
    split_words,
    value_start,
    wildcards,
    word_start,
)
from territoria.query.typed import Scope, Typed, column

SEARCHED_TYPES = frozenset({"text"})


def like(subject: Typed, pattern: str, scope: Scope) -> Typed:
    """``f like "paris"``: the field contains each word (``*`` or ``%`` a wildcard within it)."""
    return full_text(pattern, [subject], scope, wildcards)


def full_text(
    text: str, subjects: list[Typed] | None, scope: Scope, match: Matcher = fuzzy
) -> Typed:
    """Every word of ``text`` found in one of ``subjects`` (any text field when None)."""
    if subjects:
        targets = [expect(s, SEARCHED_TYPES, scope, "search").node for s in subjects]
    else:
        targets = [column(f) for f in scope.fields.values() if f.type in SEARCHED_TYPES]
    words = (
        [text]
        if match is value_start
        else text.split()
        if match is wildcards
        else split_words(text)
    )
    if not any(words) and match is not value_start:  # no word: nothing to look for
        return Typed(exp.Boolean(this=True), "boolean")
    if not targets:
        return Typed(exp.Boolean(this=False), "boolean")
    result: exp.Expression | None = None
    for position, word in enumerate(words, start=1):
        found: exp.Expression | None = None
        for target in targets:
            test = exp.Coalesce(
                this=match(target.copy(), word, position == len(words)),
                expressions=[exp.Boolean(this=False)],
            )
            found = test if found is None else exp.Or(this=found, expression=test)
        assert found is not None
        found = exp.Paren(this=found)
        result = found if result is None else exp.And(this=result, expression=found)
    assert result is not None
    return Typed(exp.Paren(this=result), "boolean")


def _searcher(name: str, match: Matcher) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        *subjects, text = args
        if any(s.type == "star" for s in subjects):  # search(*, "x"): every text field
            subjects = []
        if text.type != "text" or not text.is_literal:
            raise scope.error(
                f"{name}() attend le texte cherché entre guillemets, en dernier argument",
                f"{name}() expects the searched text, quoted, as its last argument",
                name,
            )
        for subject in subjects:
            if subject.field is None:
                raise scope.error(
                    f"{name}() cherche dans des champs, nommés avant le texte",
                    f"{name}() searches fields, named before the text",
                    name,
                )
        return full_text(str(text.value), subjects, scope, match)

    return Function((1, 64), build)


FUNCTIONS = {
    "search": _searcher("search", fuzzy),
    "suggest": _searcher("suggest", word_start),
    "startswith": _searcher("startswith", value_start),
}
