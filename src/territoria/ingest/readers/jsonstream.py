"""Walk a large JSON document piece by piece: top-level members and array items, bounded memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from territoria.errors import UnreadableFileError

CHUNK_CHARS = 1 << 20
_WHITESPACE = " \t\r\n"


class JsonNumber(str):
    """A JSON number kept as its exact source text (no float rounding, no 1e5 → 100000.0)."""


NESTED = (
    "valeurs imbriquées trop profondément (aplatissez la structure)",
    "values nested too deep (flatten the structure)",
)
DECODER = json.JSONDecoder(parse_int=JsonNumber, parse_float=JsonNumber, parse_constant=JsonNumber)


class JsonStream:
    """A cursor over JSON text read in chunks; values are decoded one at a time."""

    def __init__(self, handle: TextIO, path: str) -> None:
        self._handle = handle
        self._path = path
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._dropped_lines = 0  # newlines in text already discarded from the buffer
        self._counted = (0, 0)  # (buffer position, newlines before it): line() goes on from it
        self.value_line = 1  # line where the last value decoded by value() starts

    def _fill(self) -> bool:
        """Read more text (at least as much as is pending, so retries stay linear)."""
        if self._eof:
            return False
        if self._pos > len(self._buf) // 2:
            self._dropped_lines += self._buf.count("\n", 0, self._pos)
            self._buf, self._pos = self._buf[self._pos :], 0
            self._counted = (0, 0)
        chunk = self._handle.read(max(CHUNK_CHARS, len(self._buf) - self._pos))
        self._eof = not chunk
        self._buf += chunk
        return not self._eof

    def line(self, pos: int | None = None) -> int:
        """1-based line of the file at buffer position ``pos`` (default: the cursor); counting
        goes on from the last position asked, so asking at every value stays linear."""
        where = self._pos if pos is None else pos
        start, before = self._counted if self._counted[0] <= where else (0, 0)
        before += self._buf.count("\n", start, where)
        self._counted = (where, before)
        return self._dropped_lines + before + 1

    def error(
        self, message_fr: str, message_en: str, pos: int | None = None
    ) -> UnreadableFileError:
        """A user error located at the cursor (or at ``pos``)."""
        return UnreadableFileError(
            message_fr,
            message_en,
            path=self._path,
            line=self.line(pos),
            hint_fr="Vérifiez la syntaxe JSON du fichier (un validateur JSON montre l’erreur).",
            hint_en="Check the file's JSON syntax (a JSON validator shows the mistake).",
        )

    def peek(self) -> str | None:
        """Next significant character, without consuming it; None at the end of the text."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return None

    def expect(self, char: str) -> None:
        """Consume ``char`` (after whitespace) or fail."""
        if self.peek() != char:
            found = self.peek() or "fin du fichier / end of file"
            raise self.error(
                f"« {char} » attendu, « {found} » trouvé.", f"Expected '{char}', found '{found}'."
            )
        self._pos += 1

    def value(self) -> Any:
        """Decode the next complete JSON value."""
        if self.peek() is None:
            raise self.error(
                "Valeur JSON attendue, fin du fichier atteinte.",
                "Expected a JSON value, reached end of file.",
            )
        self.value_line = self.line()
        while True:
            try:
                value, end = DECODER.raw_decode(self._buf, self._pos)
            except RecursionError as exc:  # the decoder recurses once per level
                raise self.error(
                    f"JSON invalide : {NESTED[0]}.", f"Invalid JSON: {NESTED[1]}."
                ) from exc
            except json.JSONDecodeError as exc:
                if self._truncated(exc) and self._fill():
                    continue
                raise self.error(
                    f"JSON invalide : {exc.msg}.", f"Invalid JSON: {exc.msg}.", exc.pos
                ) from exc
            if end == len(self._buf) and self._fill():
                continue  # a number may go on in the next chunk
            self._pos = end
            return value

    def _truncated(self, exc: json.JSONDecodeError) -> bool:
        """Whether the decoding error may only mean that the value goes on in the next chunk."""
        return exc.pos >= len(self._buf) - 16 or exc.msg.startswith("Unterminated string")

    def _separated(self, close: str) -> Iterator[None]:
        """Positions the cursor on each element of a container whose opener was consumed."""
        if self.peek() == close:
            self._pos += 1
            return
        while True:
            yield
            if self.peek() == close:
                self._pos += 1
                return
            self.expect(",")

    def items(self) -> Iterator[Any]:
        """Decode the items of an array whose ``[`` was consumed, one by one."""
        for _ in self._separated("]"):
            yield self.value()

    def members(self) -> Iterator[str]:
        """Keys of an object whose ``{`` was consumed; the caller consumes each value in turn."""
        for _ in self._separated("}"):
            if self.peek() != '"':
                raise self.error("Nom de membre attendu.", "Expected a member name.")
            key = self.value()
            self.expect(":")
            yield str(key)

    def at_end(self) -> None:
        """Fail if anything but whitespace follows the document."""
        if self.peek() is not None:
            raise self.error(
                "Texte en trop après la fin du JSON.", "Extra text after the end of the JSON."
            )
