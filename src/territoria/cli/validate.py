"""``territoria validate FILE`` and ``territoria schema infer FILE``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from territoria.cli import progress
from territoria.cli.options import (
    DelimiterOpt,
    EncodingOpt,
    FileFormatOpt,
    HeaderRowOpt,
    LangOpt,
    SchemaOpt,
    SheetOpt,
    read_options,
)
from territoria.cli.report_view import render_report
from territoria.cli.state import guarded, out, settings
from territoria.errors import UserError

FileArg = Annotated[Path, typer.Argument(help="Fichier à lire / file to read")]
OutputOpt = Annotated[str, typer.Option("--format", help="Sortie / output: text|json")]

schema_app = typer.Typer(help="Schémas (Table Schema) / schemas", no_args_is_help=True)


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` when it is one of ``allowed``, else a bilingual user error."""
    if value not in allowed:
        raise UserError(
            f"valeur « {value} » invalide pour {name} (valeurs : {', '.join(allowed)})",
            f"invalid value '{value}' for {name} (values: {', '.join(allowed)})",
        )
    return value


@guarded
def validate(
    file: FileArg,
    schema: SchemaOpt = None,
    output: OutputOpt = "text",
    lang: LangOpt = "fr",
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: FileFormatOpt = None,
) -> None:
    """Valider un fichier / validate a file (exit 0 valid, 1 invalid, 2 unusable input)."""
    check_choice("--format", output, ("text", "json"))
    check_choice("--lang", lang, ("fr", "en"))
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    with progress.steps("Validation") as step:
        from territoria.services.validating import validate_file

        report = validate_file(file, schema, options, settings(), lang, progress=step)
    if output == "json":
        typer.echo(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        render_report(out(), report, lang)
    raise typer.Exit(0 if report.valid else 1)


@schema_app.command("infer")
@guarded
def infer(
    file: FileArg,
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: FileFormatOpt = None,
) -> None:
    """Inférer un Table Schema (JSON) / infer a Table Schema (JSON on stdout)."""
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    from territoria.services.validating import infer_file_schema

    descriptor = infer_file_schema(file, options, settings())
    typer.echo(json.dumps(descriptor, ensure_ascii=False, indent=2))
