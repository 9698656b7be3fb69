"""Reading options shared by validate, schema infer and ingest (what a user may force)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the reading stack loads when a command runs, not for --help
    from territoria.ingest.table import ReadOptions

FileArg = Annotated[Path, typer.Argument(help="Fichier à lire / file to read")]
FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Fichiers, dossiers ou motifs ('*.csv') / files, folders or glob patterns",
        show_default=False,
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help="Processus en parallèle (défaut : un par cœur dès 16 fichiers ou 8 Mo) / processes",
    ),
]

EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Encodage forcé / forced encoding (cp1252…)")
]
DelimiterOpt = Annotated[
    str | None, typer.Option("--delimiter", help="Séparateur forcé / forced delimiter")
]
HeaderRowOpt = Annotated[
    int | None,
    typer.Option("--header-row", min=1, help="Ligne d'en-tête (1 = première) / header row"),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Feuille (nom ou numéro) / sheet name or number")
]
FileFormatOpt = Annotated[
    str | None,
    typer.Option("--file-format", help="Format du fichier forcé / forced file format (csv, xlsx…)"),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Langue du rapport / report language: fr|en")]
SchemaOpt = Annotated[
    str | None,
    typer.Option(
        "--schema",
        help="Schéma : fichier ou nom intégré (scdl/subventions) ; absent = inféré / "
        "schema file or bundled name; omitted = inferred",
    ),
]


def read_options(
    encoding: str | None,
    delimiter: str | None,
    header_row: int | None,
    sheet: str | None,
    file_format: str | None = None,
) -> ReadOptions:
    """The ReadOptions the user forced on the command line."""
    from territoria.ingest.table import ReadOptions

    if delimiter in ("\\t", "tab", "TAB"):
        delimiter = "\t"
    return ReadOptions(
        format=file_format,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
        sheet=sheet,
    )
