"""Issues found in indicator specs or during a computation, levelled ERROR or WARNING."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

IssueLevel = Literal["ERROR", "WARNING"]


@dataclass(frozen=True)
class Issue:
    """One finding, in French then English, placed by file and line where a file is at fault
    (computation issues name the indicator in ``details`` and carry counts and examples)."""

    level: IssueLevel
    file: str | None
    line: int | None
    code: str
    message_fr: str
    message_en: str
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def render(self) -> str:
        """``file:line: LEVEL code: message fr / message en`` for a terminal or a log."""
        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.level} {self.code}: {self.message_fr} / {self.message_en}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (reports of the CLI and the services)."""
        return {
            "level": self.level,
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "message_fr": self.message_fr,
            "message_en": self.message_en,
            "details": self.details,
        }


def error(file: str | None, line: int | None, code: str, fr: str, en: str) -> Issue:
    """An ERROR issue (the spec is not loaded)."""
    return Issue("ERROR", file, line, code, fr, en)


def warning(file: str | None, line: int | None, code: str, fr: str, en: str) -> Issue:
    """A WARNING issue (the spec is loaded)."""
    return Issue("WARNING", file, line, code, fr, en)
