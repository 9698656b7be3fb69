"""``territoria datasets search [Q] [--refine FACET:VALUE] [--sort …]``: the catalogue's
full-text search and facets from the terminal, as the instance's owner sees them."""

from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, emit_rows, output_format
from territoria.cli.state import guarded, out, settings
from territoria.errors import UserError


def _pairs(option: str, values: list[str] | None) -> dict[str, list[str]]:
    """``["theme:Déchets", "theme:ENVI"]`` → ``{"theme": ["Déchets", "ENVI"]}``."""
    pairs: dict[str, list[str]] = {}
    for value in values or []:
        facet, sep, wanted = value.partition(":")
        if not sep or not facet.strip() or not wanted.strip():
            raise UserError(
                f"{option} attend FACETTE:VALEUR, pas « {value} »",
                f"{option} expects FACET:VALUE, not '{value}'",
                hint_fr="p. ex. --refine theme:Déchets",
                hint_en="e.g. --refine theme:Déchets",
            )
        pairs.setdefault(facet.strip(), []).append(wanted.strip())
    return pairs


@guarded
def search(
    query: Annotated[str | None, typer.Argument(help="Texte cherché / text searched")] = None,
    refine: Annotated[
        list[str] | None, typer.Option(help="FACETTE:VALEUR, répétable / repeatable")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="FACETTE:VALEUR à écarter / to leave out")
    ] = None,
    sort: Annotated[
        str | None, typer.Option(help="relevance, title, -modified… / sort order")
    ] = None,
    limit: Annotated[int, typer.Option(help="Nombre de résultats / results shown")] = 20,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Chercher dans le catalogue / search the catalogue (facets in --json)."""
    fmt = output_format(output, as_json)
    from territoria.security.actor import ADMIN
    from territoria.services.catalogue import search_catalogue

    found = search_catalogue(
        settings(), ADMIN, q=query, refine=_pairs("--refine", refine),
        exclude=_pairs("--exclude", exclude), sort=sort, limit=limit,
    )  # fmt: skip
    if fmt == "json":
        emit_json({"total": found.total, "results": found.items, "facets": found.facets})
        return
    out().print(f"{found.total} jeu(x) de données / dataset(s)", markup=False)
    rows: list[list[Any]] = [
        [item["slug"], item["title"], ", ".join(t["label"] for t in item["themes"]),
         item["visibility"], f"{item['score']:.3f}"]
        for item in found.items
    ]  # fmt: skip
    columns = ("slug", "titre / title", "thèmes / themes", "visibilité", "score")
    emit_rows(columns, rows, no_wrap=("slug",))
