"""``territoria validate FILE...`` and ``territoria schema infer FILE``."""

from typing import TYPE_CHECKING, Annotated

import typer

from territoria.cli import progress
from territoria.cli.options import (
    DelimiterOpt,
    EncodingOpt,
    FileArg,
    FileFormatOpt,
    FilesArg,
    HeaderRowOpt,
    JobsOpt,
    LangOpt,
    SchemaOpt,
    SheetOpt,
    read_options,
)
from territoria.cli.output import (
    FormatOpt,
    JsonOpt,
    check_choice,
    emit_json,
    emit_rows,
    output_format,
)
from territoria.cli.state import guarded, out, settings

if TYPE_CHECKING:
    from territoria.services.batch import FileOutcome

schema_app = typer.Typer(
    help="Schémas (Table Schema) / schemas", no_args_is_help=True, rich_markup_mode=None
)


@guarded
def validate(
    files: FilesArg,
    schema: SchemaOpt = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
    lang: LangOpt = "fr",
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: FileFormatOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Valider des fichiers / validate files (exit 0 valid, 1 invalid, 2 unusable: the worst).

    Several files, folders (their supported files, sorted) or quoted globs in one process.
    Text: the report of one file, a summary table for several. JSON: one report per line.
    """
    fmt = output_format(output, as_json)
    check_choice("--lang", lang, ("fr", "en"))
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    from territoria.cli.summary import follow
    from territoria.services.batch import expand_inputs, worst_exit_code
    from territoria.services.validating import validate_files

    inputs = expand_inputs(files, schema_ref=schema)
    shown = fmt == "text"  # JSON stays quiet: its lines are the output
    single = len(inputs) == 1
    with (
        progress.steps("Validation", shown and single) as step,
        progress.files("Validation", len(inputs) if shown else 0) as done,
    ):
        line_lang = lang if fmt == "json" else None
        batch = validate_files(
            inputs, schema, options, settings(), step, jobs=jobs, line_lang=line_lang
        )
        outcomes = follow(batch, fmt, lang, done)
    if fmt == "text":
        _print_text(outcomes, lang)
    raise typer.Exit(worst_exit_code(outcomes))


def _print_text(outcomes: "list[FileOutcome]", lang: str) -> None:
    """The report of a single readable file; for several, the summary table."""
    if len(outcomes) == 1:
        if outcomes[0].report is not None:
            from territoria.cli.report_view import render_report

            render_report(out(), outcomes[0].report, lang)
        return
    from territoria.cli.summary import print_summary

    print_summary(outcomes, lang)


@schema_app.command("infer")
@guarded
def infer(
    file: FileArg,
    output: Annotated[
        str, typer.Option("--format", help="Sortie / output: json (défaut) | text")
    ] = "json",
    as_json: JsonOpt = False,
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: FileFormatOpt = None,
) -> None:
    """Inférer un Table Schema / infer a Table Schema (JSON by default; text: one field a row)."""
    fmt = output_format(output, as_json)
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    from territoria.services.validating import infer_file_schema

    descriptor = infer_file_schema(file, options, settings())
    if fmt == "json":
        emit_json(descriptor)
        return
    emit_rows(
        ("champ / field", "type", "format", "requis / required"),
        [
            (
                field["name"],
                field.get("type", "any"),
                field.get("format", ""),
                "oui / yes" if field.get("constraints", {}).get("required") else "",
            )
            for field in descriptor.get("fields", [])
        ],
    )
