"""``territoria datasets list|show SLUG|versions SLUG``: inspect the catalogue."""

from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, emit_rows, output_format
from territoria.cli.state import guarded, out, settings

datasets_app = typer.Typer(
    help="Catalogue des jeux de données / dataset catalogue", rich_markup_mode=None
)
SlugArg = Annotated[str, typer.Argument(help="Jeu de données / dataset slug")]


def print_datasets(rows: list[dict[str, Any]]) -> None:
    """The catalogue as a table (plain lines when piped)."""
    columns = ("slug", "titre / title", "org", "versions", "lignes / rows", "màj / updated")
    keys = ("slug", "title", "organisation", "versions", "rows", "updatedAt")
    emit_rows(columns, [[row[key] for key in keys] for row in rows], no_wrap=("slug",))


@datasets_app.command("list")
@guarded
def list_(output: FormatOpt = "text", as_json: JsonOpt = False) -> None:
    """Lister les jeux de données / list datasets."""
    fmt = output_format(output, as_json)
    from territoria.services import catalogue  # the catalogue stack loads on use

    rows = catalogue.list_datasets(settings())
    if fmt == "json":
        emit_json(rows)
        return
    if not rows:
        out().print("Aucun jeu de données. / No dataset.", markup=False)
        return
    print_datasets(rows)


@datasets_app.command("show")
@guarded
def show(slug: SlugArg, output: FormatOpt = "text", as_json: JsonOpt = False) -> None:
    """Décrire un jeu de données / show a dataset."""
    fmt = output_format(output, as_json)
    from territoria.services import catalogue

    info = catalogue.show_dataset(slug, settings())
    if fmt == "json":
        emit_json(info)
        return
    console = out()
    for key in ("slug", "title", "organisation", "visibility", "schemaRef", "versions", "rows"):
        console.print(f"{key:<14} {info[key]}", markup=False)
    console.print("fields:", markup=False)
    for field in info["fields"]:
        console.print(f"  {field['name']} ({field['type']})", markup=False)


@datasets_app.command("versions")
@guarded
def versions(slug: SlugArg, output: FormatOpt = "text", as_json: JsonOpt = False) -> None:
    """Lister les versions d'un jeu de données / list a dataset's versions."""
    fmt = output_format(output, as_json)
    from territoria.services import catalogue

    rows = catalogue.list_versions(slug, settings())
    if fmt == "json":
        emit_json(rows)
        return
    columns = ("version", "date", "fichier / file", "lignes / rows", "invalides / invalid")
    columns_shown = (*columns, "restaure / restores")  # the version a rollback restored
    keys = ("number", "createdAt", "sourceFilename", "rows", "invalidRows", "rolledBackFrom")
    emit_rows(columns_shown, [[row[key] for key in keys] for row in rows])
