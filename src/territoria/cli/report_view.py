"""Text rendering of a validation report: summary, counts by type, errors grouped by row."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.console import Console
from rich.text import Text

from territoria.validation.report import Report

WORDS = {
    "fr": {
        "valid": "VALIDE",
        "invalid": "INVALIDE",
        "rows": "lignes",
        "errors": "erreurs",
        "invalid_rows": "lignes invalides",
        "header": "En-tête",
        "row": "Ligne",
        "table": "Tableau",
        "more": "{n} autre(s) erreur(s) non listée(s) (les comptes ci-dessus sont exacts).",
    },
    "en": {
        "valid": "VALID",
        "invalid": "INVALID",
        "rows": "rows",
        "errors": "errors",
        "invalid_rows": "invalid rows",
        "header": "Header",
        "row": "Row",
        "table": "Table",
        "more": "{n} more error(s) not listed (the counts above are exact).",
    },
}


def _group_title(row: int | None, words: dict[str, str], has_header_errors: bool) -> str:
    if row is None:
        return words["table"]
    if row == 1 and has_header_errors:
        return words["header"]
    return f"{words['row']} {row}"


def render_report(console: Console, report: Report, lang: str = "fr") -> None:
    """Print ``report`` for a human reader, in ``lang`` (fr or en)."""
    words = WORDS.get(lang, WORDS["fr"])
    data: dict[str, Any] = report.to_dict(lang)
    verdict = ("green", words["valid"]) if report.valid else ("red", words["invalid"])
    console.print(
        Text.assemble(
            (verdict[1], f"bold {verdict[0]}"),
            f" — {report.place} : {report.rows} {words['rows']}, ",
            f"{report.error_count} {words['errors']}, ",
            f"{report.invalid_rows} {words['invalid_rows']}",
        )
    )
    for kind, count in sorted(report.errors_by_type.items()):
        console.print(f"  {kind:<20} {count}", markup=False)
    errors = data["tasks"][0]["errors"]
    header_errors = any("header" in e.get("tags", []) or "label" in e["type"] for e in errors)
    for row, group in groupby(errors, key=lambda e: e.get("rowNumber")):
        console.print(Text(_group_title(row, words, header_errors), style="bold"))
        for error in group:
            console.print(f"  [{error['type']}] {error['message']}", markup=False)
    if report.truncated:
        console.print(words["more"].format(n=report.error_count - len(report.errors)), markup=False)
