"""Full-text filters: a bare string, ``search()``, ``suggest()`` and ``startswith()``.

Each takes optional text fields then the text (``search(nom, objet, "club")``; no field
means every text field), as Opendatasoft's own client writes them. Matching is case- and
accent-insensitive (both sides folded alike by DuckDB), and every word of the text must be
found, each in any of the fields: ``search`` finds it anywhere in the value, ``suggest`` at
the start of a word of the value. ``startswith`` compares the whole text with the start of
the value, case-sensitive, as Opendatasoft documents it. Opendatasoft's ``search`` is also
fuzzy (Levenshtein 1–2); Territoria's is not (yet): a word matches its longer forms only.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.typed import Scope, Typed, column, literal

SEARCHED_TYPES = frozenset({"text"})
Matcher = Callable[[exp.Expression, str], exp.Expression]


def _folded(node: exp.Expression) -> exp.Expression:
    return exp.Lower(this=exp.Anonymous(this="strip_accents", expressions=[node]))


def _anywhere(target: exp.Expression, word: str) -> exp.Expression:
    return exp.Anonymous(this="contains", expressions=[_folded(target), _folded(literal(word))])


def _words(node: exp.Expression) -> exp.Expression:
    """`` `` + the folded text with every run of non-alphanumerics as one space."""
    spaced = exp.Anonymous(
        this="regexp_replace",
        expressions=[_folded(node), literal(r"[^[:alnum:]]+"), literal(" "), literal("g")],
    )
    return exp.DPipe(this=literal(" "), expression=spaced)


def _word_start(target: exp.Expression, word: str) -> exp.Expression:
    return exp.Anonymous(this="contains", expressions=[_words(target), _words(literal(word))])


def _value_start(target: exp.Expression, word: str) -> exp.Expression:
    return exp.StartsWith(this=target, expression=literal(word))


def _wildcards(target: exp.Expression, word: str) -> exp.Expression:
    pattern = literal("%" + word.replace("*", "%") + "%")
    return exp.Like(this=_folded(target), expression=_folded(pattern))


def like(subject: Typed, pattern: str, scope: Scope) -> Typed:
    """``f like "paris"``: the field contains each word (``*`` or ``%`` a wildcard within it)."""
    return full_text(pattern, [subject], scope, _wildcards)


def full_text(
    text: str, subjects: list[Typed] | None, scope: Scope, match: Matcher = _anywhere
) -> Typed:
    """Every word of ``text`` found in one of ``subjects`` (any text field when None)."""
    if subjects:
        targets = [expect(s, SEARCHED_TYPES, scope, "search").node for s in subjects]
    else:
        targets = [column(f) for f in scope.fields.values() if f.type in SEARCHED_TYPES]
    words = [text] if match is _value_start else text.split()
    if not any(words) and match is not _value_start:  # no word: nothing to look for
        return Typed(exp.Boolean(this=True), "boolean")
    if not targets:
        return Typed(exp.Boolean(this=False), "boolean")
    result: exp.Expression | None = None
    for word in words:
        found: exp.Expression | None = None
        for target in targets:
            test = exp.Coalesce(
                this=match(target.copy(), word), expressions=[exp.Boolean(this=False)]
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
    "search": _searcher("search", _anywhere),
    "suggest": _searcher("suggest", _word_start),
    "startswith": _searcher("startswith", _value_start),
}
