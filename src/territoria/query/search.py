"""Full-text filters: a bare string, ``search()``, ``suggest()`` and ``startswith()``.

Matching is by substring of the words, case- and accent-insensitive on both sides
(``"eleph"`` finds « Éléphant »); every word of the text must be found, each in any of the
searched fields. Opendatasoft stems words by language; Territoria does not (yet), so a word
matches its longer forms but not its irregular ones.
"""

from __future__ import annotations

import unicodedata

from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.typed import Scope, Typed, column, literal

SEARCHED_TYPES = frozenset({"text"})


def fold(text: str) -> str:
    """Lower case, accents dropped: the form both the data and the words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _folded(node: exp.Expression) -> exp.Expression:
    return exp.Lower(this=exp.Anonymous(this="strip_accents", expressions=[node]))


def full_text(text: str, subject: Typed | None, scope: Scope) -> Typed:
    """Every word of ``text`` found in ``subject`` (or in any text field when None)."""
    if subject is not None:
        targets = [expect(subject, SEARCHED_TYPES, scope, "search").node]
    else:
        targets = [column(f) for f in scope.fields.values() if f.type in SEARCHED_TYPES]
    words = fold(text).split()
    if not words:
        return Typed(exp.Boolean(this=True), "boolean")
    if not targets:
        return Typed(exp.Boolean(this=False), "boolean")
    conditions: list[exp.Expression] = []
    for word in words:
        found: exp.Expression | None = None
        for target in targets:
            test = exp.Coalesce(
                this=exp.Anonymous(
                    this="contains", expressions=[_folded(target.copy()), literal(word)]
                ),
                expressions=[exp.Boolean(this=False)],
            )
            found = test if found is None else exp.Or(this=found, expression=test)
        assert found is not None
        conditions.append(exp.Paren(this=found))
    result = conditions[0]
    for condition in conditions[1:]:
        result = exp.And(this=result, expression=condition)
    return Typed(exp.Paren(this=result), "boolean")


def _text_arg(arg: Typed, scope: Scope, name: str) -> str:
    if arg.type != "text" or not arg.is_literal:
        raise scope.error(
            f"{name}() attend un texte entre guillemets",
            f"{name}() expects a quoted text",
            name,
        )
    return str(arg.value)


def _search(args: list[Typed], scope: Scope) -> Typed:
    if len(args) == 1:
        return full_text(_text_arg(args[0], scope, "search"), None, scope)
    return full_text(_text_arg(args[1], scope, "search"), args[0], scope)


def _startswith(args: list[Typed], scope: Scope) -> Typed:
    subject = expect(args[0], SEARCHED_TYPES, scope, "startswith")
    prefix = _text_arg(args[1], scope, "startswith")
    node = exp.StartsWith(this=subject.node, expression=literal(prefix))
    return Typed(node, "boolean", aggregate=subject.aggregate)


FUNCTIONS = {
    "search": Function((1, 2), _search),
    "suggest": Function((1, 2), _search),
    "startswith": Function((2, 2), _startswith),
}
