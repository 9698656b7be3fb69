"""A batch on the command line: each file's outcome as it comes (a JSON line, its error on
stderr), then the summary, one row per file (rows, errors, verdict) and the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from territoria.cli.output import emit_line, emit_rows
from territoria.cli.state import out, print_user_error
from territoria.services.batch import FileOutcome

VERDICTS = {
    "fr": {0: "VALIDE", 1: "INVALIDE", 2: "INUTILISABLE"},
    "en": {0: "VALID", 1: "INVALID", 2: "UNUSABLE"},
}
TOTALS = {
    "fr": "{n} fichier(s) : {ok} valide(s), {bad} invalide(s), {unusable} inutilisable(s).",
    "en": "{n} file(s): {ok} valid, {bad} invalid, {unusable} unusable.",
}


def follow(
    outcomes: Iterable[FileOutcome],
    fmt: str,
    lang: str,
    done: Callable[[str], None],
    before_error: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Every outcome, shown as it comes: its JSON line with ``--format json``, its error
    (French then English) on stderr after ``before_error`` had its say; ``done`` ticks."""
    followed = []
    for outcome in outcomes:
        followed.append(outcome)
        if fmt == "json":
            emit_line(outcome.json_line(lang))
        if outcome.error is not None:
            if before_error is not None:
                before_error(outcome)
            print_user_error(outcome.error)
        done(outcome.path.name)
    return followed


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
