"""Parse one ODSQL clause with the LALR grammar ``odsql.lark``, bounded in size and depth."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from territoria.query.errors import ODSQLError, malformed

MAX_QUERY_CHARS = 64 * 1024
"""Longest clause accepted: a real query is a few hundred characters; 64 KB bounds the work."""
MAX_DEPTH = 200
"""Deepest nesting accepted (parentheses, ``not``, signs): the compiler and sqlglot recurse."""

CLAUSES = ("select", "where", "group_by", "order_by")


@cache
def parser() -> Lark:
    """The LALR parser of every clause, built once per process (about 80 ms)."""
    text = resources.files("territoria.query").joinpath("odsql.lark").read_text("utf-8")
    return Lark(
        text,
        parser="lalr",
        start=[f"start_{clause}" for clause in CLAUSES],
        propagate_positions=True,
        maybe_placeholders=True,
    )


@lru_cache(maxsize=2048)
def parse(text: str, clause: str) -> Tree[Token]:
    """The parse tree of ``text`` as the ``clause`` clause, or an ODSQLError naming the token.

    Trees are cached by text (clients repeat the same clauses, only paging changes) and
    never modified by the compiler.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise ODSQLError(
            f"clause {clause} trop longue ({len(text)} caractères, au plus {MAX_QUERY_CHARS})",
            f"{clause} clause too long ({len(text)} characters, at most {MAX_QUERY_CHARS})",
            details={"clause": clause},
        )
    if "\x00" in text:
        raise malformed(clause, text.index("\x00") + 1, "\\x00")
    _check_brackets(text, clause)
    try:
        tree = parser().parse(text, start=f"start_{clause}")
    except UnexpectedInput as error:
        raise _syntax_error(error, text, clause) from None
    _check_depth(tree, clause)
    return tree


def _syntax_error(error: UnexpectedInput, text: str, clause: str) -> ODSQLError:
    if isinstance(error, UnexpectedEOF):
        return malformed(clause, len(text) + 1, "")
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == "$END":
            return malformed(clause, len(text) + 1, "")
        return malformed(clause, (token.start_pos or 0) + 1, str(token))
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        return malformed(clause, position + 1, text[position : position + 1])
    return malformed(clause, 1, text[:20])


def _check_brackets(text: str, clause: str) -> None:
    """Refuse deep nesting before the parser sees it: a cheap scan, quoted text skipped."""
    depth, quote, escaped = 0, "", False
    for position, char in enumerate(text, start=1):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in "([":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(clause, position)
        elif char in ")]":
            depth = max(0, depth - 1)


def _check_depth(tree: Tree[Token], clause: str) -> None:
    """Refuse trees deeper than MAX_DEPTH (``not not not …``), walked without recursion."""
    stack: list[tuple[Tree[Token], int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            position = getattr(node.meta, "start_pos", 0) + 1 if not node.meta.empty else 1
            raise _too_deep(clause, position)
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tree))


def _too_deep(clause: str, position: int) -> ODSQLError:
    return ODSQLError(
        f"clause {clause} trop imbriquée (plus de {MAX_DEPTH} niveaux) en position {position}",
        f"{clause} clause nested too deeply (over {MAX_DEPTH} levels) at position {position}",
        details={"clause": clause, "position": position},
    )
