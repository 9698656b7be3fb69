"""YAML read with positions: the line of any key path, duplicate keys found (PyYAML nodes)."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


class YamlDocument:
    """A composed YAML document: its node tree, to place a key path (``("numerator", "expr")``)
    on the line that holds it."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root

    def line(self, loc: Sequence[str | int]) -> int:
        """The 1-based line of the deepest node ``loc`` reaches; a key path element that is not
        in the document (a missing key, a pydantic union tag) leaves it at its parent."""
        node: yaml.Node = self.root
        line: int = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                continue
            key_node, node = child
            line = int((key_node or node).start_mark.line) + 1
        return line

    def duplicate_keys(self) -> list[tuple[str, int]]:
        """Every key given twice in one mapping, with the line of its second occurrence
        (PyYAML silently keeps the last one)."""
        found: list[tuple[str, int]] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if name in seen:
                        found.append((name, key.start_mark.line + 1))
                    seen.add(name)
                    stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return sorted(found, key=lambda item: item[1])


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return key, value
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def compose(text: str) -> YamlDocument | None:
    """The document of ``text`` (None when empty); raises ``yaml.YAMLError`` when malformed."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if root is None else YamlDocument(root)
