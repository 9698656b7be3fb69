"""``territoria territories show ID|search TEXT|import-group FILE``: the official geography
(COG 2026), its programme labels and imported groups."""

from pathlib import Path
from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, emit_rows, output_format
from territoria.cli.state import guarded, out, settings

territories_app = typer.Typer(
    help="Géographie officielle (COG) / official geography", rich_markup_mode=None
)


@territories_app.command("show")
@guarded
def show(
    territory_id: Annotated[
        str, typer.Argument(help="niveau:code, ex. commune:75056 / level:code")
    ],
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Décrire un territoire / show a territory."""
    fmt = output_format(output, as_json)
    from territoria.services.territories import show_territory

    info = show_territory(territory_id, settings())
    if fmt == "json":
        emit_json(info)
        return
    console = out()
    for key, value in _lines(info):
        console.print(f"{key:<28} {value}", markup=False)


def _lines(info: dict[str, Any]) -> list[tuple[str, object]]:
    parents = ", ".join(f"{p['id']} ({p['name']})" for p in info["parents"])
    children = ", ".join(f"{level}: {count}" for level, count in info["children"].items())
    lines: list[tuple[str, object]] = [
        ("id", info["id"]),
        ("nom / name", info["name"]),
        ("niveau / level", info["level"]),
        ("population", info["population"] if info["population"] is not None else "—"),
        ("parents", parents or "—"),
        ("enfants / children", children or "—"),
        ("contour", "oui / yes" if info["hasContour"] else "non / no"),
        ("labels", ", ".join(f"{x['id']} ({x['title']['fr']})" for x in info["labels"]) or "—"),
    ]
    if info["postalCodes"]:
        lines.append(("codes postaux / postal codes", ", ".join(info["postalCodes"])))
    if info["siren"]:
        lines.append(("SIREN", info["siren"]))
    if info.get("resolvedFrom"):
        lines.append(("demandé / requested", f"{info['resolvedFrom']} (ancien code / old code)"))
    if info["oldCodes"]:
        lines.append(("anciens codes / old codes", ", ".join(info["oldCodes"])))
    if info.get("oldNames"):
        lines.append(("anciens noms / old names", ", ".join(info["oldNames"])))
    return lines


@territories_app.command("search")
@guarded
def search(
    text: Annotated[str, typer.Argument(help="Nom, code ou code postal / name, code, postcode")],
    limit: Annotated[int, typer.Option("--limit", help="Nombre maximal / at most")] = 10,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Chercher un territoire / search territories."""
    fmt = output_format(output, as_json)
    from territoria.services.territories import search_territories

    found = search_territories(text, limit)
    if fmt == "json":
        emit_json(found)
        return
    if not found:
        out().print("Aucun territoire. / No territory.", markup=False)
        return
    columns = ("id", "nom / name", "niveau / level", "population", "dép.", "correspondance / match")
    keys = ("id", "name", "level", "population", "departement", "match")
    emit_rows(columns, [[row[key] for key in keys] for row in found], no_wrap=("id",))


@territories_app.command("import-group")
@guarded
def import_group(
    file: Annotated[Path, typer.Argument(help="CSV ou tableur / CSV or spreadsheet")],
    label: Annotated[str, typer.Option("--label", help="Identifiant du groupe / group slug")],
    title: Annotated[str | None, typer.Option("--title", help="Titre / title")] = None,
    column: Annotated[
        str | None, typer.Option("--column", help="Colonne des codes / column of codes")
    ] = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Importer un groupe de territoires / import a group of territories (codes, ids, SIREN)."""
    fmt = output_format(output, as_json)
    from territoria.services.territory_groups import import_group as import_file

    report = import_file(settings(), file, label, title=title, column=column)
    if fmt == "json":
        emit_json(report)
        return
    console = out()
    replaced = "remplacé / replaced" if report["replaced"] else "créé / created"
    console.print(
        f"{report['label']} ({report['title']}) {replaced}: {report['members']} territoires / "
        f"territories, colonne / column « {report['column']} », "
        f"{report['unresolvedCount']} non résolues / unresolved",
        markup=False,
    )
    for cell in report["unresolved"]:
        candidates = f" ({', '.join(cell['candidates'])})" if cell["candidates"] else ""
        console.print(
            f"  ligne / row {cell['row']}: « {cell['value']} » {cell['status']}{candidates}",
            markup=False,
        )


@territories_app.command("missing-contours")
@guarded
def missing_contours(
    level: Annotated[
        str | None, typer.Option("--level", help="Un niveau, ex. commune / one level")
    ] = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Territoires sans contour / territories without a bundled contour (listed, not dropped)."""
    fmt = output_format(output, as_json)
    from territoria.services.contours import missing_contours_report

    report = missing_contours_report(level)
    if fmt == "json":
        emit_json(report)
        return
    rows = []
    for name, part in report.items():
        out().print(
            f"{name}: {len(part['missing'])}/{part['territories']} sans contour / without a "
            f"contour, {len(part['partial'])} partiels / partial",
            markup=False,
        )
        rows += [[m["id"], m["name"], m["population"], "—"] for m in part["missing"]]
        rows += [[p["id"], p["name"], None, ", ".join(p["missingParts"])] for p in part["partial"]]
    if rows:
        columns = ("id", "nom / name", "population", "parties manquantes / missing parts")
        emit_rows(columns, rows, no_wrap=("id",))
