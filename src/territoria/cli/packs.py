"""``territoria packs list|show PACK|install PACK --territory ID``: the bundled packs."""

from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, emit_rows, output_format
from territoria.cli.state import guarded, out, settings

packs_app = typer.Typer(
    help="Packs réplicables (jeux, indicateurs, tableau de bord) / replicable packs",
    rich_markup_mode=None,
)


@packs_app.command("list")
@guarded
def list_command(output: FormatOpt = "text", as_json: JsonOpt = False) -> None:
    """Lister les packs / list the packs."""
    fmt = output_format(output, as_json)
    from territoria.services.packs import list_packs_info

    packs = list_packs_info()
    if fmt == "json":
        emit_json(packs)
        return
    columns = ("id", "version", "titre / title", "jeux / datasets", "indicateurs / indicators")
    emit_rows(
        columns,
        [
            [p["id"], p["version"], p["title"]["fr"], len(p["datasets"]), len(p["indicators"])]
            for p in packs
        ],
        no_wrap=("id",),
    )


@packs_app.command("show")
@guarded
def show(
    pack_id: Annotated[str, typer.Argument(help="Identifiant du pack, ex. dechets / pack id")],
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Décrire un pack / show a pack."""
    fmt = output_format(output, as_json)
    from territoria.services.packs import show_pack

    info = show_pack(pack_id)
    if fmt == "json":
        emit_json(info)
        return
    console = out()
    console.print(f"{info['id']} {info['version']} — {info['title']['fr']} / {info['title']['en']}")
    console.print(info["description"].strip(), markup=False)
    for item in info["datasets"]:
        variants = ", ".join(m["name"] for m in item["mappings"])
        console.print(
            f"jeu / dataset {item['slug']} ({item['role']}) — schéma / schema {item['schema']}"
            f" — variantes / variants: {variants}",
            markup=False,
        )
    emit_rows(
        ("indicateur / indicator", "type / kind", "niveau / level", "unité / unit"),
        [[i["id"], i["kind"], i["level"], i["unit"]["fr"]] for i in info["indicators"]],
        no_wrap=("indicateur / indicator",),
    )
    _print_issues(info["issues"])


def _print_issues(issues: list[dict[str, Any]]) -> None:
    for issue in issues:
        where = f"{issue['file']}:{issue['line']}" if issue["line"] else str(issue["file"])
        out().print(
            f"{where}: {issue['level']} {issue['code']}: {issue['message_fr']} / "
            f"{issue['message_en']}",
            markup=False,
        )


@packs_app.command("install")
@guarded
def install(
    pack_id: Annotated[str, typer.Argument(help="Identifiant du pack / pack id")],
    territory: Annotated[
        str, typer.Option("--territory", help="Territoire niveau:code, ex. commune:75056")
    ],
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Installer un pack pour un territoire / install a pack for a territory."""
    fmt = output_format(output, as_json)
    from territoria.security.actor import ADMIN
    from territoria.services.packs import install_pack

    done = install_pack(settings(), pack_id, territory, ADMIN)
    if fmt == "json":
        emit_json(done)
        return
    console = out()
    console.print(
        f"Pack « {done['pack']} » {done['version']} installé pour {done['territory']}.\n"
        f"Pack '{done['pack']}' {done['version']} installed for {done['territory']}.",
        markup=False,
    )
    for item in done["datasets"]:
        state = "créé / created" if item["created"] else "existant / existing"
        console.print(
            f"  {item['slug']} ({item['role']}) : {state} — "
            f"territoria ingest FICHIER --dataset {item['slug']}",
            markup=False,
        )
