"""Fixed-shape regular expressions rewritten as SQL GLOB patterns.

The ``pattern`` constraints of national schemas are mostly codes of a fixed shape: an INSEE
code ``(2[AB]|[0-9]{2})[0-9]{3}``, a SIRET ``[0-9]{14}``, a postal code ``[0-9]{5}``. DuckDB
matches such a shape as a GLOB in half the time RE2 takes, so these patterns are expanded
into a few GLOBs, one per alternative. Anything else (open repetition, ``.``, anchors, look
around, many alternatives) is left to the regular expression: ``None`` is returned.

Grammar handled: literals, escaped punctuation, ``\\d``, bracket classes without nested
classes, groups with ``|``, and the quantifiers ``?``, ``{n}`` and ``{n,m}`` (small ``m``).
"""

from __future__ import annotations

MAX_GLOBS = 16  # more alternatives than this: the regular expression is cheaper
_META = set("*?[]")  # GLOB's special characters, written as one-character classes
_SPECIAL = set(".^$*+?{}[]\\|()")
_CLASS_SYMBOLS = set(" -_./:'")  # written as themselves inside a GLOB class
_CLASS_ESCAPES = set("-./")


class _Unsupported(Exception):
    """The pattern is outside the fixed-shape subset."""


def _literal(char: str) -> str:
    return f"[{char}]" if char in _META else char


class _Parser:
    """Recursive descent over the pattern, producing every expansion as a GLOB."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise _Unsupported
        self.at += 1
        return char

    def alternation(self) -> list[str]:
        options = self.sequence()
        while self.peek() == "|":
            self.take()
            options = options + self.sequence()
            if len(options) > MAX_GLOBS:
                raise _Unsupported
        return options

    def sequence(self) -> list[str]:
        current = [""]
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            repeats = self.quantifier()
            expanded: list[str] = []
            for count in repeats:
                for glob in _repeat(atom, count):
                    expanded.append(glob)
            current = [head + tail for head in current for tail in expanded]
            if len(current) > MAX_GLOBS:
                raise _Unsupported
        return current

    def atom(self) -> list[str]:
        char = self.take()
        if char == "(":
            if self.text.startswith("?:", self.at):
                self.at += 2
            elif self.peek() == "?":
                raise _Unsupported  # look-around, named groups, flags
            inner = self.alternation()
            if self.take() != ")":
                raise _Unsupported
            return inner
        if char == "[":
            return [self.bracket()]
        if char == "\\":
            escaped = self.take()
            if escaped == "d":
                return ["[0-9]"]
            if escaped != "\\" and (escaped in _SPECIAL or escaped in "-/"):
                return [_literal(escaped)]
            raise _Unsupported  # \w, \s, \b… differ between engines
        if char in _SPECIAL:
            raise _Unsupported
        return [_literal(char)]

    def bracket(self) -> str:
        """An ASCII class of letters, digits, ranges of them and a few plain symbols; a
        negated or non-ASCII class is refused (GLOB matches bytes, RE2 characters)."""
        parts: list[str] = []
        while (char := self.take()) != "]":
            if char == "\\" and self.peek() in _CLASS_ESCAPES:
                char = self.take()
            if not (char.isascii() and (char.isalnum() or char in _CLASS_SYMBOLS)):
                raise _Unsupported
            if self.peek() == "-" and self.text[self.at + 1 : self.at + 2] not in ("]", ""):
                self.take()
                end = self.take()
                if not (end.isascii() and end.isalnum()) or end < char or not char.isalnum():
                    raise _Unsupported
                parts.append(f"{char}-{end}")
            else:
                parts.append(char)
        if not parts:
            raise _Unsupported
        return "[" + "".join(sorted(parts, key=lambda part: part == "-")) + "]"  # '-' last

    def quantifier(self) -> range:
        char = self.peek()
        if char == "?":
            self.take()
            return range(0, 2)
        if char in ("*", "+"):
            raise _Unsupported
        if char != "{":
            return range(1, 2)
        self.take()
        digits = ""
        while self.peek() not in ("}", ""):
            digits += self.take()
        self.take()
        low, _, high = digits.partition(",")
        if not low.isdigit() or (high and not high.isdigit()):
            raise _Unsupported
        top = int(high) if high else int(low)
        if "," in digits and not high:
            raise _Unsupported  # {n,} is open
        if top - int(low) > 3 or top > 64:
            raise _Unsupported
        if self.peek() in ("?", "+"):
            raise _Unsupported  # lazy or possessive
        return range(int(low), top + 1)


def _repeat(atom: list[str], count: int) -> list[str]:
    globs = [""]
    for _ in range(count):
        globs = [head + tail for head in globs for tail in atom]
        if len(globs) > MAX_GLOBS:
            raise _Unsupported
    return globs


def regex_to_globs(pattern: str) -> list[str] | None:
    """GLOB patterns whose union matches exactly what ``pattern`` fully matches, or None."""
    parser = _Parser(pattern)
    try:
        globs = parser.alternation()
        if parser.at != len(pattern):
            return None
    except _Unsupported:
        return None
    return sorted(set(globs)) if globs else None
