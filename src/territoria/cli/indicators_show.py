"""``territoria indicators show IND --territory ID [--peers GROUP] [--period P]``: a
territory's values of one indicator among its peers, with the sentence an official reads."""

from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, output_format
from territoria.cli.state import guarded, out, settings


@guarded
def show(
    indicator: Annotated[str, typer.Argument(help="pack.nom, ex. securite.taux-pour-mille")],
    territory: Annotated[
        str, typer.Option("--territory", help="niveau:code, ex. departement:2A / level:code")
    ],
    peers: Annotated[
        str | None,
        typer.Option(
            "--peers",
            help="strate (défaut), departement, region, all, label:pvd, label:acv, group:SLUG",
        ),
    ] = None,
    period: Annotated[str | None, typer.Option("--period", help="2022, 2022-03…")] = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Situer un territoire parmi ses pairs / a territory among its peers on one indicator."""
    fmt = output_format(output, as_json)
    from territoria.services.comparison import compare_territory

    answer = compare_territory(settings(), territory, indicator, peers=peers, period=period)
    if fmt == "json":
        emit_json(answer)
        return
    console = out()
    place = answer["territory"]
    console.print(
        f"{answer['indicator']} — {place['name']} ({place['id']}) — "
        f"pairs / peers: {answer['peers']['title']['fr']} ({answer['peers']['size']})",
        markup=False,
    )
    if not answer["comparisons"]:
        console.print("Aucune valeur. / No value.", markup=False)
    for item in answer["comparisons"]:
        console.print(_heading(item), markup=False)
        console.print(f"  {item['sentence']['fr']}", markup=False)
        console.print(f"  {item['sentence']['en']}", markup=False)


def _heading(item: dict[str, Any]) -> str:
    dims = ", ".join(f"{k}={v}" for k, v in item["dimensions"].items())
    rank = f"{item['rank']}/{item['peerCount']}" if item["rank"] is not None else "—"
    return f"{item['period']}{' ' + dims if dims else ''}: rang / rank {rank}"
