"""The summary of a batch: one row per file (rows, errors, verdict), then the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from territoria.cli.output import emit_rows
from territoria.cli.state import out
from territoria.services.batch import FileOutcome

VERDICTS = {
    "fr": {0: "VALIDE", 1: "INVALIDE", 2: "INUTILISABLE"},
    "en": {0: "VALID", 1: "INVALID", 2: "UNUSABLE"},
}
TOTALS = {
    "fr": "{n} fichier(s) : {ok} valide(s), {bad} invalide(s), {unusable} inutilisable(s).",
    "en": "{n} file(s): {ok} valid, {bad} invalid, {unusable} unusable.",
}


def verdict(outcome: FileOutcome, lang: str) -> str:
    """VALIDE, INVALIDE or INUTILISABLE (VALID, INVALID, UNUSABLE in English)."""
    words = VERDICTS.get(lang, VERDICTS["fr"])
    return words.get(outcome.exit_code, words[2])


def counts(outcome: FileOutcome) -> tuple[object, object]:
    """Rows and errors of a file's report; blank for a file that could not be read."""
    report = outcome.report
    return (report.rows, report.error_count) if report is not None else ("", "")


def print_summary(
    outcomes: Sequence[FileOutcome],
    lang: str,
    *,
    columns: Sequence[str] = ("fichier / file", "lignes / rows", "erreurs / errors", "verdict"),
    row: Callable[[FileOutcome], Sequence[object]] | None = None,
) -> None:
    """One row per file under ``columns`` (``row`` gives a file's cells: by default its path,
    rows, errors and verdict); on a terminal, the totals after the table."""

    def default(outcome: FileOutcome) -> Sequence[object]:
        return (str(outcome.path), *counts(outcome), verdict(outcome, lang))

    console = out()
    emit_rows(columns, [(row or default)(outcome) for outcome in outcomes], console=console)
    if console.is_terminal:
        tally = Counter(min(outcome.exit_code, 2) for outcome in outcomes)
        template = TOTALS.get(lang, TOTALS["fr"])
        console.print(
            template.format(n=len(outcomes), ok=tally[0], bad=tally[1], unusable=tally[2]),
            markup=False,
        )
