"""``territoria ingest FILE --dataset SLUG``: a new version, or a refusal with its report."""

from __future__ import annotations

from typing import Annotated

import typer

from territoria.cli import progress
from territoria.cli.options import (
    DelimiterOpt,
    EncodingOpt,
    HeaderRowOpt,
    LangOpt,
    SchemaOpt,
    SheetOpt,
    read_options,
)
from territoria.cli.report_view import render_report
from territoria.cli.state import guarded, out, print_user_error, settings
from territoria.cli.validate import FileArg, check_choice


@guarded
def ingest(
    file: FileArg,
    dataset: Annotated[str, typer.Option("--dataset", help="Jeu de données / dataset slug")],
    schema: SchemaOpt = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Organisation (SIREN ou code COG) / organisation")
    ] = None,
    quarantine: Annotated[
        bool,
        typer.Option(
            "--quarantine",
            help="Stocker les lignes valides, écarter les invalides / "
            "store valid rows, keep invalid rows aside",
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Titre / title")] = None,
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: Annotated[
        str | None, typer.Option("--format", help="Format du fichier forcé / forced file format")
    ] = None,
    lang: LangOpt = "fr",
) -> None:
    """Ingérer un fichier / ingest a file (exit 0, 1 invalid, 2 unusable input)."""
    check_choice("--lang", lang, ("fr", "en"))
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    from territoria.services.ingesting import RefusedDataError, ingest_file  # catalogue stack

    console = out()
    try:
        with progress.steps("Ingestion") as step:
            result = ingest_file(
                file,
                dataset,
                schema_ref=schema,
                org_code=org,
                quarantine=quarantine,
                options=options,
                settings=settings(),
                title=title,
                progress=step,
            )
    except RefusedDataError as error:
        render_report(console, error.report, lang)
        print_user_error(error)
        raise typer.Exit(error.exit_code) from None
    version = result.version
    number = version.number if version else "?"
    if not result.created:
        console.print(
            f"Fichier identique à la version {number} de « {dataset} » : aucune nouvelle version.\n"
            f"File identical to version {number} of '{dataset}': no new version.",
            markup=False,
        )
        return
    rows = version.row_count if version else 0
    aside = version.invalid_row_count if version else 0
    console.print(
        f"Version {number} de « {dataset} » créée : {rows} lignes"
        + (f", {aside} lignes invalides en quarantaine" if aside else "")
        + f".\nVersion {number} of '{dataset}' created: {rows} rows"
        + (f", {aside} invalid rows quarantined" if aside else "")
        + ".",
        markup=False,
    )
