"""The select list: ``*``, ``include()``/``exclude()`` wildcards, expressions and their names."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from lark import Token, Tree

from territoria.query.expressions import compile_expression, field_reference, name_of
from territoria.query.typed import Scope, Typed


@dataclass(frozen=True)
class Item:
    """One output of the query: its JSON name and its compiled value."""

    name: str
    value: Typed


def source_text(node: Tree[Token] | Token, text: str) -> str:
    """The caller's own text of an expression: the name Opendatasoft gives an unaliased one."""
    if isinstance(node, Token):
        start, end = node.start_pos, node.end_pos
    else:
        start, end = node.meta.start_pos, node.meta.end_pos
    return text[start:end].strip()


def alias_name(alias: Tree[Token] | Token | None) -> str | None:
    """The name after ``as`` (backquotes dropped), or None."""
    if alias is None:
        return None
    token = alias.children[0] if isinstance(alias, Tree) else alias
    assert isinstance(token, Token)
    return name_of(token)


def select_items(tree: Tree[Token], text: str, scope: Scope) -> list[Item]:
    """The outputs named by a ``select`` clause, in order, ``*`` and wildcards expanded."""
    items: list[Item] = []
    first = True
    for node in tree.children:
        assert isinstance(node, Tree)
        if node.data == "select_star":
            items.extend(_fields(list(scope.fields), scope))
        elif node.data == "select_include":
            patterns = [str(p) for p in node.children[1:]]
            items.extend(_fields(_matching(patterns, scope), scope))
        elif node.data == "select_exclude":
            if first:
                items.extend(_fields(list(scope.fields), scope))
            patterns = [str(p) for p in node.children[1:]]
            items = [i for i in items if not any(fnmatch.fnmatchcase(i.name, p) for p in patterns)]
        else:
            expression, _as, alias = node.children
            assert expression is not None
            value = compile_expression(expression, scope)
            items.append(Item(alias_name(alias) or source_text(expression, text), value))
        first = False
    return items


def _matching(patterns: list[str], scope: Scope) -> list[str]:
    return [name for name in scope.fields if any(fnmatch.fnmatchcase(name, p) for p in patterns)]


def _fields(names: list[str], scope: Scope) -> list[Item]:
    return [Item(name, field_reference(name, scope)) for name in names]
