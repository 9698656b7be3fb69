"""Detect the delimiter and quote character of delimited text by how consistently it parses.

``csv.Sniffer`` guesses from character frequencies and is fooled by title rows, decimal commas
and quoted free text; here each candidate parses the sample and is scored on the regularity of
field counts (rows of the same width, wide rather than narrow) and on how many cells look like
values a correct split yields (numbers, dates, text without stray delimiters).

Only separators outside quoted cells count: a cell quoted between any two candidate
delimiters (an Opendatasoft ``Geo Shape`` holding GeoJSON, full of commas and brackets) is
masked before any candidate parses the sample, so a few wide quoted cells can never outvote
the real delimiter.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from itertools import islice

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.cells import DELIMITERS, is_blank, is_typed

MAX_RECORDS = 200
DEFAULT_DELIMITER = ","
_MIN_PATTERN = 0.1  # below this no candidate really splits the lines: a single-column file
COMMON_WIDTH = 0.05  # share of the sampled rows a width needs to count as a pattern
_MALFORMED = 0.1  # weight of a parse that broke the quoting rules
_ALIASES = {"tab": "\t", "\\t": "\t", "tabulation": "\t", "semicolon": ";", "pipe": "|"}


def parse_records(sample: str, delimiter: str, quotechar: str, limit: int) -> list[list[str]]:
    """The first ``limit`` records of ``sample``; stops quietly at a malformed end."""
    return _parse(sample, delimiter, quotechar, limit, strict=False)[0]


def _parse(
    sample: str, delimiter: str, quotechar: str, limit: int, *, strict: bool
) -> tuple[list[list[str]], bool]:
    """(records, well-formed): in strict mode a quote closed before anything but a delimiter or
    a line end (``"a";"b"`` read with ``,``) marks a wrong dialect; a sample cut inside a
    quoted field does not."""
    reader = csv.reader(
        io.StringIO(sample, newline=""), delimiter=delimiter, quotechar=quotechar, strict=strict
    )
    records: list[list[str]] = []
    try:
        for record in islice(reader, limit):
            records.append(record)
    except csv.Error as exc:
        return records, "unexpected end of data" in str(exc)
    return records, True


def _quote_for(sample: str, delimiter: str) -> str:
    """``'`` only when more fields open and close with it than with ``"`` (French text is
    full of apostrophes, so the double quote is the default)."""
    if "'" not in sample:
        return '"'
    d = re.escape(delimiter)

    def wrapped(quote: str) -> int:
        """Fields opening and closing with ``quote`` (doubled inside), delimiter to delimiter."""
        # Unrolled (no alternation repeated per character): linear memory on a 5 MB cell.
        body = rf"[^{quote}]*(?:{quote}{quote}[^{quote}]*)*"
        field = rf"(?:^|{d}){quote}(?=[^{quote}]|{quote}{quote}){body}{quote}(?={d}|\r?$)"
        return len(re.findall(field, sample, re.MULTILINE))

    return "'" if wrapped("'") > wrapped('"') else '"'


def _quoted_cells(quote: str) -> re.Pattern[str]:
    """A cell opened and closed by ``quote`` (doubled inside) between any two candidate
    delimiters or line ends; it may span lines."""
    q = re.escape(quote)
    around = re.escape("".join(DELIMITERS))
    body = rf"[^{q}]*(?:{q}{q}[^{q}]*)*"  # unrolled: linear memory on a 5 MB cell
    return re.compile(rf"(?:^|(?<=[{around}])){q}{body}{q}(?=[{around}]|\r?$)", re.M)


_MASKS = {quote: _quoted_cells(quote) for quote in ('"', "'")}


def mask_quoted(sample: str, quote: str) -> str:
    """``sample`` with every quoted cell emptied (``""``): what is left of each line is the
    separators a candidate delimiter would split on, and the unquoted cells."""
    pattern = _MASKS.get(quote) or _quoted_cells(quote)
    return pattern.sub(quote + quote, sample) if quote in sample else sample


def _first_lines(text: str, count: int) -> str:
    """The first ``count`` lines of ``text`` (all of it when shorter)."""
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end == -1:
            return text
    return text[: end + 1]


def _score(records: list[list[str]], delimiter: str) -> tuple[float, float]:
    """(pattern score, pattern x type score) of one parse; blank lines are ignored, but not a
    line of bare delimiters (``;;;``), which says the delimiter as well as any other."""
    rows = [row for row in records if len(row) > 1 or (row and not is_blank(row[0]))]
    if not rows:
        return 0.0, 0.0
    widths = Counter(len(row) for row in rows)
    pattern = sum(n * (width - 1) / width for width, n in widths.items())
    # Each distinct width divides the score (a wrong delimiter splits rows unevenly), but
    # not the odd ragged row: only widths held by a noticeable share of rows count.
    common = sum(1 for n in widths.values() if n >= COMMON_WIDTH * len(rows)) or 1
    pattern /= common * len(rows)
    cells = [cell for row in rows for cell in row]
    typed = sum(is_typed(cell, delimiter) for cell in cells) / len(cells)
    return pattern, pattern * max(typed, 0.1)


def normalise_delimiter(value: str) -> str:
    """A forced delimiter as one character; accepts ``tab`` and ``\\t`` from a command line."""
    delimiter = _ALIASES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in "\r\n":
        raise UnreadableFileError(
            f"séparateur « {value} » invalide : un seul caractère est attendu",
            f"invalid delimiter '{value}': a single character is expected",
            hint_fr="par exemple --delimiter ';' ou --delimiter tab",
            hint_en="for instance --delimiter ';' or --delimiter tab",
        )
    return delimiter


def detect_dialect(
    text_sample: str, forced_delimiter: str | None = None, forced_quote: str | None = None
) -> tuple[str, str]:
    """(delimiter, quotechar) of ``text_sample``, a decoded head of the file cut at a line end.

    A single-column file gets ``,``, the delimiter frictionless and DuckDB assume.
    """
    if forced_quote is not None and len(forced_quote) != 1:
        raise UnreadableFileError(
            f"guillemet « {forced_quote} » invalide : un seul caractère est attendu",
            f"invalid quote character '{forced_quote}': a single character is expected",
        )
    candidates = (
        DELIMITERS if forced_delimiter is None else (normalise_delimiter(forced_delimiter),)
    )
    head = _first_lines(text_sample, MAX_RECORDS + 1)  # what the parse below looks at
    best: tuple[float, str, str] = (-1.0, DEFAULT_DELIMITER, forced_quote or '"')
    best_pattern = 0.0
    masked: dict[str, str] = {}
    for delimiter in candidates:
        quote = forced_quote or _quote_for(head, delimiter)
        if quote not in masked:
            masked[quote] = mask_quoted(text_sample, quote)
        records, clean = _parse(masked[quote], delimiter, quote, MAX_RECORDS + 1, strict=True)
        if len(records) > 2:
            records = records[:-1]  # the last record may be cut by the end of the sample
        pattern, score = _score(records, delimiter)
        score *= 1.0 if clean else _MALFORMED
        if score > best[0]:
            best, best_pattern = (score, delimiter, quote), pattern
    _, delimiter, quote = best
    if forced_delimiter is None and best_pattern < _MIN_PATTERN:
        delimiter = DEFAULT_DELIMITER
        quote = forced_quote or _quote_for(head, delimiter)
    return delimiter, quote
