"""What a pack rule is and what it sees: the pack, its files, and the line of any key path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from territoria.indicators.issues import Issue
from territoria.indicators.yaml_lines import YamlDocument, compose

if TYPE_CHECKING:
    from territoria.packs.pack import Pack


@dataclass
class PackContext:
    """Where a rule places its issues: ``line(file, path)`` composes each file once, only
    when an issue is found (composing keeps positions and is slower than loading)."""

    folder: Path
    documents: dict[Path, YamlDocument | None] = field(default_factory=dict)

    def line(self, file: Path, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of key path ``loc`` in ``file`` (None when unreadable)."""
        if file not in self.documents:
            try:
                self.documents[file] = compose(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.documents[file] = None
        document = self.documents[file]
        return None if document is None else document.line(loc)

    def error(self, file: Path, loc: Sequence[str | int], code: str, fr: str, en: str) -> Issue:
        """An ERROR placed on ``loc`` of ``file``."""
        return Issue("ERROR", str(file), self.line(file, loc), code, fr, en)


class PackRule(Protocol):
    """One check over a whole pack."""

    def check(self, pack: Pack, context: PackContext) -> Iterable[Issue]:
        """The issues found (none when the pack is right)."""
        ...
