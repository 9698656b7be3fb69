"""``territoria export SLUG --format F [--version N] [-o FILE]``: export a stored version."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from territoria.cli.state import err, guarded, settings

# The writers' names, for --help without loading them (tests/cli checks it against WRITERS).
EXPORT_FORMATS = "csv|parquet|json|geojson|xlsx|jsonl"


@guarded
def export(
    slug: Annotated[str, typer.Argument(help="Jeu de données / dataset slug")],
    fmt: Annotated[str, typer.Option("--format", help=f"Format : {EXPORT_FORMATS}")],
    version: Annotated[
        int | None, typer.Option("--version", min=1, help="Version (défaut : la dernière)")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Fichier de sortie (défaut : stdout)")
    ] = None,
) -> None:
    """Exporter une version / export a version (CSV: UTF-8, comma, RFC 4180 quoting)."""
    from territoria.services.exporting import export_version  # loads the catalogue stack

    if output is None:
        export_version(slug, fmt, version, sys.stdout.buffer, settings())
        return
    number = export_version(slug, fmt, version, output, settings())
    err().print(f"Version {number} de « {slug} » → {output}", markup=False)
