"""How one word of a text search matches one text value: fuzzy term, word prefix, wildcard, start.

Values and words are folded alike by DuckDB (lower case, accents stripped) and values cut
into words at every run of characters that are neither letters nor digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlglot import exp

from territoria.query.typed import literal

Matcher = Callable[[exp.Expression, str, bool], exp.Expression]
"""(value, word, is it the text's last word) → the SQL condition."""
WORD_BREAK = r"[^\p{L}\p{N}]+"
"""What separates words, in RE2 (DuckDB) syntax; Python splits the searched text alike."""
_PY_WORD_BREAK = re.compile(r"[\W_]+")


def split_words(text: str) -> list[str]:
    """The words of a searched text, cut as the values are."""
    return [w for w in _PY_WORD_BREAK.split(text) if w]


def folded(node: exp.Expression) -> exp.Expression:
    """Lower case, accents stripped: the form values and words are compared in."""
    return exp.Lower(this=exp.Anonymous(this="strip_accents", expressions=[node]))


def _word_list(node: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this="string_split_regex", expressions=[folded(node), literal(WORD_BREAK)])


def _spaced(node: exp.Expression) -> exp.Expression:
    """`` `` + the folded text with every word break as one space."""
    spaced = exp.Anonymous(
        this="regexp_replace",
        expressions=[folded(node), literal(WORD_BREAK), literal(" "), literal("g")],
    )
    return exp.DPipe(this=literal(" "), expression=spaced)


def word_start(target: exp.Expression, word: str, last: bool = True) -> exp.Expression:
    """Some word of the value begins with ``word`` (``suggest``, the last term of ``search``)."""
    return exp.Anonymous(this="contains", expressions=[_spaced(target), _spaced(literal(word))])


def fuzzy(target: exp.Expression, word: str, last: bool) -> exp.Expression:
    """A term of ``search()`` as Opendatasoft documents it: some word of the value within a
    Levenshtein distance of 2 (terms over 5 characters) or 1 (over 2), else equal; the last
    term of the text is a prefix instead."""
    if last:
        return word_start(target, word)
    term = folded(literal(word))
    distance = 2 if len(word) > 5 else 1 if len(word) > 2 else 0
    if distance == 0:
        return exp.Anonymous(this="list_contains", expressions=[_word_list(target), term])
    variable = exp.to_identifier("ods_word")
    close = exp.LTE(
        this=exp.Anonymous(this="levenshtein", expressions=[exp.Column(this=variable), term]),
        expression=literal(distance),
    )
    each = exp.Lambda(this=close, expressions=[variable.copy()])
    found = exp.Anonymous(this="list_transform", expressions=[_word_list(target), each])
    return exp.Anonymous(this="list_bool_or", expressions=[found])


def value_start(target: exp.Expression, word: str, last: bool = True) -> exp.Expression:
    """The whole value begins with the text, case-sensitive (``startswith``)."""
    return exp.StartsWith(this=target, expression=literal(word))


def wildcards(target: exp.Expression, word: str, last: bool = True) -> exp.Expression:
    """The value contains ``word``, ``*`` or ``%`` standing for any run (``like``)."""
    pattern = literal("%" + word.replace("*", "%") + "%")
    return exp.Like(this=folded(target), expression=folded(pattern))
