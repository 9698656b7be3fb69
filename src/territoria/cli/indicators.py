"""``territoria indicators compute [--pack P]``: recompute the installed packs' indicators
(``indicators show`` sits beside it, in its own module)."""

from typing import Annotated, Any

import typer

from territoria.cli.output import FormatOpt, JsonOpt, emit_json, emit_rows, output_format
from territoria.cli.state import guarded, out, settings

indicators_app = typer.Typer(
    help="Indicateurs des packs installés / indicators of the installed packs",
    rich_markup_mode=None,
)


@indicators_app.command("compute")
@guarded
def compute(
    pack: Annotated[
        str | None, typer.Option("--pack", help="Un seul pack (défaut : tous) / one pack only")
    ] = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
) -> None:
    """Recalculer les indicateurs / recompute the indicators."""
    fmt = output_format(output, as_json)
    from territoria.services.indicator_computing import compute_pack_indicators

    report = compute_pack_indicators(settings(), pack)
    if fmt == "json":
        emit_json(report)
        return
    if not report["packs"]:
        out().print(
            "Aucun pack installé : territoria packs install PACK --territory ID\n"
            "No pack installed: territoria packs install PACK --territory ID",
            markup=False,
        )
        return
    emit_rows(
        ("pack", "indicateurs / indicators", "lignes / rows", "version", "en attente / waiting"),
        [_row(item) for item in report["packs"]],
        no_wrap=("pack",),
    )
    for item in report["packs"]:
        for issue in item["issues"]:
            out().print(
                f"{item['pack']}: {issue['level']} {issue['code']}: {issue['message_fr']} / "
                f"{issue['message_en']}",
                markup=False,
            )


def _row(item: dict[str, Any]) -> list[object]:
    version = item["version"]
    if version is not None and not item["created"]:
        version = f"{version} (identique / same)"
    return [
        item["pack"],
        len(item["indicators"]),
        item["rows"],
        version,
        ", ".join(item["waiting"]),
    ]
