"""``territoria harvest SOURCE_URL``: migrate a remote catalogue in (Opendatasoft, CKAN,
DCAT); a bar per dataset on a terminal, a final report (``--format json`` when piped)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, check_choice, emit_json, output_format
from territoria.cli.state import err, guarded, out, settings

if TYPE_CHECKING:
    from territoria.services.harvest_report import HarvestReport

INTERRUPTED = 130  # the shell's code for a command stopped by SIGINT
WORDS = {
    "created": "créé / created",
    "updated": "mis à jour / updated",
    "unchanged": "inchangé / unchanged",
    "failed": "échec / failed",
    "would-create": "serait créé / would be created",
    "would-update": "serait mis à jour / would be updated",
}


@guarded
def harvest(
    source: Annotated[str, typer.Argument(help="Adresse du portail / portal URL")],
    kind: Annotated[
        str | None, typer.Option("--kind", help="ods | ckan | dcat (défaut : détecté / detected)")
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Éditeur si la source n'en donne pas / publisher if none"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Lister sans rien écrire / list, write nothing")
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Requêtes en parallèle / parallel requests")
    ] = 2,
    delay: Annotated[
        float, typer.Option("--delay", min=0, help="Secondes entre requêtes / seconds between")
    ] = 0.0,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Secondes / seconds")] = 30.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Nouvelles tentatives")] = 3,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Moissonner un catalogue distant / harvest a remote catalogue (exit 0, 1 some failed, 2)."""
    fmt = output_format(output, as_json)
    if kind is not None:
        check_choice("--kind", kind, ("ods", "ckan", "dcat"))
    from territoria.harvest.http import Politeness
    from territoria.services.harvesting import HarvestOptions
    from territoria.services.harvesting import harvest as run

    politeness = Politeness(concurrency=concurrency, delay=delay, timeout=timeout, retries=retries)
    options = HarvestOptions(source, kind, org, dry_run, politeness)
    bar = _Bar(fmt == "text")
    try:
        with bar:
            report = run(settings(), options, on_listed=bar.start, on_done=bar.advance)
    except KeyboardInterrupt:
        err().print(
            "Moisson interrompue : relancez la même commande pour la reprendre.\n"
            "Harvest interrupted: run the same command again to resume it.",
            markup=False,
        )
        raise typer.Exit(INTERRUPTED) from None
    if fmt == "json":
        emit_json(report.to_dict())
    else:
        _print(report)
    raise typer.Exit(report.exit_code)


class _Bar:
    """A Rich bar over the remote's datasets, on a terminal only."""

    def __init__(self, shown: bool) -> None:
        import sys

        self.shown = shown and sys.stdout.isatty()
        self.progress: Any = None
        self.task: Any = None
        self._context: AbstractContextManager[Any] = nullcontext()

    def __enter__(self) -> _Bar:
        if self.shown:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.progress = Progress(
                TextColumn("Moisson / harvest"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.description}"), transient=True,
            )  # fmt: skip
            self._context = self.progress
        self._context.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._context.__exit__(None, None, None)

    def start(self, total: int) -> None:
        if self.progress is not None:
            self.task = self.progress.add_task("", total=total)

    def advance(self, outcome: Any) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, advance=1, description=outcome.remote_id)


def _print(report: HarvestReport) -> None:
    console = out()
    for o in report.outcomes:
        line = f"{o.remote_id} → {o.slug or '-'} : {WORDS.get(o.action, o.action)}"
        if o.version is not None:
            line += f" (v{o.version}, {o.rows} lignes / rows"
            line += (
                f", {o.quarantined_rows} en quarantaine / quarantined)"
                if o.quarantined_rows
                else ")"
            )
        console.print(line, markup=False)
        if o.error_fr:
            console.print(f"    {o.error_fr}\n    {o.error_en}", markup=False)
        for note in o.notes:
            console.print(f"    note : {note}", markup=False)
    counts = report.counts()
    summary = ", ".join(f"{n} {WORDS[a]}" for a, n in counts.items() if n)
    console.print(
        f"Moisson de {report.source} ({report.kind}) : {summary or 'rien / nothing'}.", markup=False
    )
