"""``territoria datasets list|show SLUG|versions SLUG``: inspect the catalogue."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Column, Table

from territoria.cli.state import guarded, out, settings

datasets_app = typer.Typer(help="Catalogue des jeux de données / dataset catalogue")
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON / JSON output")]
SlugArg = Annotated[str, typer.Argument(help="Jeu de données / dataset slug")]


def print_datasets(rows: list[dict[str, Any]]) -> None:
    """The catalogue as a table."""
    table = Table("titre / title", "org", "versions", "lignes / rows", "màj / updated")
    table.columns.insert(0, Column("slug", no_wrap=True))
    for row in rows:
        table.add_row(
            row["slug"],
            row["title"],
            row["organisation"] or "",
            str(row["versions"]),
            str(row["rows"]),
            row["updatedAt"] or "",
        )
    out().print(table)


@datasets_app.command("list")
@guarded
def list_(as_json: JsonOpt = False) -> None:
    """Lister les jeux de données / list datasets."""
    from territoria.services import catalogue  # the catalogue stack loads on use

    rows = catalogue.list_datasets(settings())
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        out().print("Aucun jeu de données. / No dataset.", markup=False)
        return
    print_datasets(rows)


@datasets_app.command("show")
@guarded
def show(slug: SlugArg, as_json: JsonOpt = False) -> None:
    """Décrire un jeu de données / show a dataset."""
    from territoria.services import catalogue

    info = catalogue.show_dataset(slug, settings())
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    console = out()
    for key in ("slug", "title", "organisation", "visibility", "schemaRef", "versions", "rows"):
        console.print(f"{key:<14} {info[key]}", markup=False)
    console.print("fields:", markup=False)
    for field in info["fields"]:
        console.print(f"  {field['name']} ({field['type']})", markup=False)


@datasets_app.command("versions")
@guarded
def versions(slug: SlugArg, as_json: JsonOpt = False) -> None:
    """Lister les versions d'un jeu de données / list a dataset's versions."""
    from territoria.services import catalogue

    rows = catalogue.list_versions(slug, settings())
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("version", "date", "fichier / file", "lignes / rows", "invalides / invalid")
    for row in rows:
        table.add_row(
            str(row["number"]),
            row["createdAt"],
            row["sourceFilename"],
            str(row["rows"]),
            str(row["invalidRows"]),
        )
    out().print(table)
