"""``territoria datasets edit SLUG [--title …] [--from FILE]``: change a dataset's metadata."""

from pathlib import Path
from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, output_format
from territoria.cli.state import guarded, out, settings
from territoria.errors import UserError


def _given(options: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in options.items() if value is not None}


@guarded
def edit(
    slug: Annotated[str, typer.Argument(help="Jeu de données / dataset slug")],
    title: Annotated[str | None, typer.Option(help="Titre / title")] = None,
    description: Annotated[str | None, typer.Option(help="Description (Markdown)")] = None,
    license: Annotated[
        str | None, typer.Option("--license", "--licence", help="etalab-2.0, odbl, cc-by-4.0…")
    ] = None,
    keyword: Annotated[
        list[str] | None, typer.Option(help="Mot-clé, répétable / keyword, repeatable")
    ] = None,
    theme: Annotated[
        list[str] | None, typer.Option(help="Thème (ENVI, dechets…), répétable / repeatable")
    ] = None,
    frequency: Annotated[
        str | None, typer.Option(help="Fréquence / frequency: annual, mensuel, DAILY…")
    ] = None,
    spatial: Annotated[
        list[str] | None, typer.Option(help="Territoire COG (commune:75056), répétable")
    ] = None,
    temporal_start: Annotated[str | None, typer.Option(help="Début / start AAAA-MM-JJ")] = None,
    temporal_end: Annotated[str | None, typer.Option(help="Fin / end AAAA-MM-JJ")] = None,
    contact_name: Annotated[str | None, typer.Option(help="Contact : nom / name")] = None,
    contact_email: Annotated[str | None, typer.Option(help="Contact : courriel / e-mail")] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Producteur : SIREN ou code COG / publisher code")
    ] = None,
    visibility: Annotated[str | None, typer.Option(help="public | private")] = None,
    landing_page: Annotated[str | None, typer.Option(help="Page d'accueil / landing page")] = None,
    language: Annotated[str | None, typer.Option(help="Langue / language: fr, en…")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="Fichier YAML ou JSON de champs / YAML or JSON file"),
    ] = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Modifier les métadonnées / edit a dataset's metadata (options override --from)."""
    fmt = output_format(output, as_json)
    from territoria.security.actor import ADMIN  # the CLI runs as the instance's owner
    from territoria.services.metadata import edit_dataset
    from territoria.services.metadata_file import read_changes

    changes = read_changes(from_file) if from_file is not None else {}
    changes |= _given(
        {
            "title": title,
            "description": description,
            "license": license,
            "keywords": keyword,
            "themes": theme,
            "frequency": frequency,
            "spatial": spatial,
            "temporalStart": temporal_start,
            "temporalEnd": temporal_end,
            "contactName": contact_name,
            "contactEmail": contact_email,
            "publisher": publisher,
            "visibility": visibility,
            "landingPage": landing_page,
            "language": language,
        }
    )
    if not changes:
        raise UserError(
            "rien à modifier : donnez au moins une option ou --from FICHIER",
            "nothing to change: give at least one option or --from FILE",
            hint_fr="territoria datasets edit --help",
            hint_en="territoria datasets edit --help",
        )
    metadata = edit_dataset(settings(), slug, changes, ADMIN)
    if fmt == "json":
        emit_json(metadata)
        return
    fields = ", ".join(changes)
    out().print(
        f"Métadonnées de « {slug} » modifiées : {fields}.\nMetadata of '{slug}' updated: {fields}.",
        markup=False,
    )
