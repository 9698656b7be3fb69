"""``territoria datasets diff SLUG A B`` and ``datasets rollback SLUG --to N``: compare two
versions, restore an earlier one as a new version (registered on ``datasets_app``)."""

from __future__ import annotations

from typing import Annotated

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, output_format
from territoria.cli.state import guarded, out, settings

SlugArg = Annotated[str, typer.Argument(help="Jeu de données / dataset slug")]


@guarded
def diff(
    slug: SlugArg,
    a: Annotated[int, typer.Argument(metavar="A", help="Version de départ / from version")],
    b: Annotated[int, typer.Argument(metavar="B", help="Version d'arrivée / to version")],
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key",
            help="Colonne clé, répétable (défaut : la clé primaire du schéma) / "
            "key column, repeatable (default: the schema's primary key)",
        ),
    ] = None,
    sample: Annotated[
        int,
        typer.Option("--sample", min=0, max=1000, help="Exemples par sorte / examples per kind"),
    ] = 10,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Comparer deux versions / diff two versions (by primary key, else by row content)."""
    fmt = output_format(output, as_json)
    from territoria.cli.diff_view import render_diff
    from territoria.services.diffing import diff_versions  # the catalogue stack loads on use

    found = diff_versions(slug, a, b, settings(), key=key or (), sample_size=sample)
    result = found.to_dict()
    if fmt == "json":
        emit_json(result)
        return
    render_diff(out(), result)


@guarded
def rollback(
    slug: SlugArg,
    to: Annotated[
        int, typer.Option("--to", metavar="N", help="Version à restaurer / version to restore")
    ],
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Restaurer une version / roll back: a new version with version N's content."""
    fmt = output_format(output, as_json)
    from territoria.services.rollback import rollback_version

    result = rollback_version(slug, to, settings())
    number = result.version.number
    if fmt == "json":
        emit_json(result.to_dict())
        return
    if not result.created:
        out().print(
            f"La version {number} de « {slug} » a déjà le contenu de la version {to} : "
            "aucune nouvelle version.\n"
            f"Version {number} of '{slug}' already has the content of version {to}: "
            "no new version.",
            markup=False,
        )
        return
    rows = result.version.row_count
    out().print(
        f"Version {number} de « {slug} » créée : contenu de la version {to} ({rows} lignes).\n"
        f"Version {number} of '{slug}' created: content of version {to} ({rows} rows).",
        markup=False,
    )
