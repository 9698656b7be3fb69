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
    for key, value in _shown_lines(info):
        console.print(f"{key:<14} {value}", markup=False)
    console.print("fields:", markup=False)
    for field in info["fields"]:
        unit = f" [{field['unit']}]" if field.get("unit") else ""
        label = f" — {field['label']}" if field.get("label") not in (None, field["name"]) else ""
        console.print(f"  {field['name']} ({field['type']}){unit}{label}", markup=False)


def _term(entry: dict[str, Any] | None) -> str:
    return (
        f"{entry['label']} <{entry['uri']}>"
        if entry and entry["uri"]
        else (entry or {}).get("id") or ""
    )


def _shown_lines(info: dict[str, Any]) -> list[tuple[str, object]]:
    """The metadata of ``datasets show``, one line per field, empty ones left out."""
    publisher = info["publisher"] or {}
    contact = info["contactPoint"] or {}
    temporal = info["temporal"]
    lines: list[tuple[str, object]] = [
        ("slug", info["slug"]),
        ("identifier", info["identifier"]),
        ("title", info["title"]),
        (
            "publisher",
            " ".join(str(publisher.get(k) or "") for k in ("name", "siren", "territory")).strip(),
        ),
        ("visibility", info["visibility"]),
        ("license", _term(info["license"])),
        ("themes", ", ".join(t["label"] for t in info["themes"])),
        ("keywords", ", ".join(info["keywords"])),
        ("spatial", ", ".join(info["spatial"])),
        (
            "temporal",
            f"{temporal['start'] or '…'} → {temporal['end'] or '…'}"
            if any(temporal.values())
            else "",
        ),
        ("frequency", _term(info["frequency"])),
        ("contactPoint", " ".join(v for v in (contact.get("name"), contact.get("email")) if v)),
        ("landingPage", info["landingPage"]),
        ("conformsTo", info["conformsTo"]),
        ("schemaRef", info["schemaRef"]),
        ("language", info["language"]),
        ("issued", info["issued"]),
        ("modified", info["modified"]),
        ("versions", info["versions"]),
        ("rows", info["rows"]),
    ]
    return [(key, value) for key, value in lines if value not in (None, "")]


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
