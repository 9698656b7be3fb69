"""The Typer app of ``territoria``: global options and the command groups of ARCHITECTURE.md.

Importing this module loads Typer and the command signatures only: every command imports its
services (DuckDB, the catalogue, the readers) when it runs, so ``--help`` starts fast
(tests/cli/test_cli_startup.py holds the bound).
"""

from pathlib import Path
from typing import Annotated

import typer

from territoria.cli.datasets import datasets_app
from territoria.cli.datasets_edit import edit
from territoria.cli.datasets_search import search
from territoria.cli.export import export
from territoria.cli.harvest import harvest
from territoria.cli.history import diff, rollback
from territoria.cli.indicators import indicators_app
from territoria.cli.indicators_show import show as show_indicator
from territoria.cli.ingest import ingest
from territoria.cli.instance import demo, init
from territoria.cli.main import version_line
from territoria.cli.packs import packs_app
from territoria.cli.serve import serve
from territoria.cli.state import OPTIONS
from territoria.cli.territories import territories_app
from territoria.cli.validate import schema_app, validate

app = typer.Typer(
    name="territoria",
    help="Territoria : données territoriales des collectivités / territorial data platform.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,  # plain help: Typer's Rich help costs ~80 ms of start-up
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def options(
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            envvar="TERRITORIA_HOME",
            help="Dossier de l'instance (défaut ./var) / instance folder",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Trace complète des erreurs internes / tracebacks")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Version de territoria / print the version",
        ),
    ] = False,
) -> None:
    """Territoria : ingérer, valider, cataloguer, exporter / ingest, validate, catalogue, export."""
    OPTIONS.home = home
    OPTIONS.debug = debug
    del version  # handled by its eager callback


app.command("init")(init)
app.command("validate")(validate)
app.add_typer(schema_app, name="schema")
app.command("ingest")(ingest)
datasets_app.command("diff")(diff)
datasets_app.command("rollback")(rollback)
datasets_app.command("edit")(edit)
datasets_app.command("search")(search)
app.add_typer(datasets_app, name="datasets")
app.command("export")(export)
app.command("demo")(demo)
app.command("serve")(serve)
app.command("harvest")(harvest)
app.add_typer(territories_app, name="territories")
app.add_typer(packs_app, name="packs")
indicators_app.command("show")(show_indicator)
app.add_typer(indicators_app, name="indicators")
