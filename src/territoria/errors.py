"""The exception tree of Territoria: user errors are data, internal errors are bugs.

::

    TerritoriaError
    ├── UserError (ValueError)            bad input: shown to the user, HTTP 4xx, exit code 2
    │   ├── UnreadableFileError           empty, binary, undecodable, unknown format, too large
    │   ├── SchemaError                   unknown schema name, schema that is itself invalid
    │   ├── NotFoundError                 unknown dataset, version or organisation
    │   └── InvalidDataError              data refused by validation (exit 1, HTTP 422)
    └── InternalError (RuntimeError)      our bug: logged, HTTP 500

Every user error carries a stable ``code`` and a message in French then English, naming the
file, line and what to do; ``str()`` gives both so a terminal or log shows both languages.
"""

from __future__ import annotations

from typing import Any


class TerritoriaError(Exception):
    """Root of every error raised on purpose by Territoria."""

    code = "territoria-error"
    exit_code = 2
    http_status = 500


class UserError(TerritoriaError, ValueError):
    """Bad input from a user: explained in French and English, never a traceback."""

    code = "user-error"
    exit_code = 2
    http_status = 400

    def __init__(
        self,
        message_fr: str,
        message_en: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint_fr: str | None = None,
        hint_en: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.message_fr = message_fr
        self.message_en = message_en
        self.path = path
        self.line = line
        self.hint_fr = hint_fr
        self.hint_en = hint_en
        self.details = details or {}
        super().__init__(self.render())

    def _where(self) -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.line is not None:
            parts.append(f"ligne/line {self.line}")
        return ", ".join(parts)

    def render(self) -> str:
        """Both languages, French first, with the place and what to do."""
        where = self._where()
        prefix = f"{where}: " if where else ""
        fr = f"{prefix}{self.message_fr}"
        en = f"{prefix}{self.message_en}"
        if self.hint_fr:
            fr += f" — {self.hint_fr}"
        if self.hint_en:
            en += f" — {self.hint_en}"
        return f"{fr}\n{en}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON error body shared by the CLI and every API."""
        body: dict[str, Any] = {
            "error_code": self.code,
            "message": self.message_en,
            "message_fr": self.message_fr,
        }
        details = dict(self.details)
        if self.path:
            details["path"] = str(self.path)
        if self.line is not None:
            details["line"] = self.line
        if self.hint_en:
            details["hint"] = self.hint_en
        if self.hint_fr:
            details["hint_fr"] = self.hint_fr
        if details:
            body["details"] = details
        return body


class UnreadableFileError(UserError):
    """The file cannot be read as a table: empty, binary, undecodable, unknown format, too large."""

    code = "unreadable-file"
    http_status = 415


class SchemaError(UserError):
    """The schema cannot be used: unknown bundled name, unreadable or invalid descriptor."""

    code = "invalid-schema"
    http_status = 400


class NotFoundError(UserError):
    """A dataset, version or organisation that does not exist."""

    code = "not-found"
    http_status = 404


class InvalidDataError(UserError):
    """Data refused because it does not follow its schema; carries the validation report."""

    code = "invalid-data"
    exit_code = 1
    http_status = 422


class InternalError(TerritoriaError, RuntimeError):
    """A bug of ours: logged with its traceback, answered with a 500."""

    code = "internal-error"
    http_status = 500
