"""What a spec rule is: a small class whose ``check(spec, context)`` returns issues."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol

from territoria.indicators.issues import Issue, IssueLevel
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.yaml_lines import YamlDocument


@dataclass(frozen=True)
class RuleContext:
    """Where a spec came from, and every spec that passed the model (for references)."""

    file: str
    document: YamlDocument
    specs: Mapping[str, IndicatorSpec]

    def line(self, *loc: str | int) -> int:
        """The line of the key path ``loc`` in the spec's file."""
        return self.document.line(loc)

    def issue(
        self, level: IssueLevel, loc: tuple[str | int, ...], code: str, fr: str, en: str
    ) -> Issue:
        """An issue placed at ``loc`` of this file."""
        return Issue(level, self.file, self.document.line(loc), code, fr, en)


class Rule(Protocol):
    """One check of a spec; ``code`` names the issues it raises."""

    code: ClassVar[str]

    def check(self, spec: IndicatorSpec, context: RuleContext) -> list[Issue]:
        """The issues of ``spec`` (empty when it passes)."""
        ...
