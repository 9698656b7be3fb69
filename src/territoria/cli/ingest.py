"""``territoria ingest FILE... --dataset SLUG | --dataset-from-name``: new versions, or
refusals with their reports; one summary (or one JSON line) per file when several."""

from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import typer

from territoria.cli import progress
from territoria.cli.options import (
    DelimiterOpt,
    EncodingOpt,
    FileFormatOpt,
    FilesArg,
    HeaderRowOpt,
    LangOpt,
    SchemaOpt,
    SheetOpt,
    read_options,
)
from territoria.cli.output import FormatOpt, JsonOpt, check_choice, output_format
from territoria.cli.state import guarded, out, settings
from territoria.errors import UserError

if TYPE_CHECKING:
    from territoria.services.batch import FileOutcome


def _dataset_choice(dataset: str | None, from_name: bool) -> str | None:
    """The one slug of ``--dataset``, or None for ``--dataset-from-name``; never both."""
    if (dataset is None) == (not from_name):
        raise UserError(
            "indiquez soit --dataset SLUG, soit --dataset-from-name",
            "give either --dataset SLUG or --dataset-from-name",
            hint_fr="--dataset : des versions d'un jeu, dans l'ordre ; --dataset-from-name : "
            "un jeu par fichier, nommé d'après le fichier",
            hint_en="--dataset: versions of one dataset, in order; --dataset-from-name: "
            "one dataset per file, named after the file",
        )
    return dataset


@guarded
def ingest(
    files: FilesArg,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Jeu de données / dataset slug")
    ] = None,
    dataset_from_name: Annotated[
        bool,
        typer.Option(
            "--dataset-from-name",
            help="Un jeu par fichier, nommé d'après le fichier / one dataset per file, by name",
        ),
    ] = False,
    schema: SchemaOpt = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Organisation (SIREN ou code COG) / organisation")
    ] = None,
    quarantine: Annotated[
        bool,
        typer.Option(
            "--quarantine",
            help="Stocker les lignes valides, écarter les invalides / "
            "store valid rows, keep invalid rows aside",
        ),
    ] = False,
    replace_series: Annotated[
        bool,
        typer.Option(
            "--replace-series",
            help="Jeu d'un pack : le fichier remplace toute la série, ses périodes antérieures "
            "comprises / pack dataset: the file replaces the whole series, earlier periods too",
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Titre / title")] = None,
    visibility: Annotated[
        str | None,
        typer.Option(
            "--visibility",
            help="public | private ; sans l'option, un jeu existant garde la sienne / "
            "without it, an existing dataset keeps its own",
        ),
    ] = None,
    encoding: EncodingOpt = None,
    delimiter: DelimiterOpt = None,
    header_row: HeaderRowOpt = None,
    sheet: SheetOpt = None,
    file_format: FileFormatOpt = None,
    output: FormatOpt = "text",
    as_json: JsonOpt = False,
    lang: LangOpt = "fr",
) -> None:
    """Ingérer des fichiers / ingest files (exit 0, 1 invalid, 2 unusable: the worst)."""
    if output not in ("text", "json"):
        raise UserError(
            f"--format vaut text ou json, pas « {output} »",
            f"--format is text or json, not '{output}'",
            hint_fr="pour forcer le format du fichier lu : --file-format",
            hint_en="to force the format of the file read: --file-format",
        )
    fmt = output_format(output, as_json)
    check_choice("--lang", lang, ("fr", "en"))
    if visibility is not None:
        check_choice("--visibility", visibility, ("public", "private"))
    slug = _dataset_choice(dataset, dataset_from_name)
    options = read_options(encoding, delimiter, header_row, sheet, file_format)
    from territoria.cli.summary import follow
    from territoria.services.batch import expand_inputs, worst_exit_code
    from territoria.services.batch_ingest import IngestBatch, ingest_files  # catalogue stack

    inputs = expand_inputs(files, schema_ref=schema)
    batch = IngestBatch(
        slug, schema, org, quarantine, options, title, visibility, replace_series=replace_series
    )
    shown = fmt == "text"
    single = len(inputs) == 1
    with (
        progress.steps("Ingestion", shown and single) as step,
        progress.files("Ingestion", len(inputs) if shown else 0) as done,
    ):
        batch_outcomes = ingest_files(inputs, batch, settings(), progress=step)
        report_first = partial(_report_before_refusal, lang=lang) if shown and single else None
        outcomes = follow(batch_outcomes, fmt, lang, done, before_error=report_first)
    if fmt == "text":
        _print_text(outcomes, lang)
    raise typer.Exit(worst_exit_code(outcomes))


def _report_before_refusal(outcome: "FileOutcome", lang: str) -> None:
    """A single refused file: its report, then (printed next) why nothing was stored."""
    if outcome.report is not None:
        from territoria.cli.report_view import render_report

        render_report(out(), outcome.report, lang)


RESULTS = {
    "fr": {
        "created": "créée",
        "same": "identique",
        "refused": "refusée",
        "unusable": "inutilisable",
    },
    "en": {"created": "created", "same": "identical", "refused": "refused", "unusable": "unusable"},
}


def _result(outcome: "FileOutcome", lang: str) -> str:
    words = RESULTS.get(lang, RESULTS["fr"])
    if outcome.error is not None:
        return words["refused"] if outcome.exit_code == 1 else words["unusable"]
    return words["created"] if outcome.details.get("created") else words["same"]


def _print_text(outcomes: "list[FileOutcome]", lang: str) -> None:
    """One file: what became of it, in both languages; several: the summary table."""
    if len(outcomes) != 1:
        from territoria.cli.summary import counts, print_summary

        print_summary(
            outcomes,
            lang,
            columns=(
                "fichier / file",
                "jeu / dataset",
                "version",
                "lignes / rows",
                "erreurs / errors",
                "résultat / result",
            ),
            row=lambda o: (
                str(o.path),
                o.details.get("dataset", ""),
                o.details.get("version") or "",
                *counts(o),
                _result(o, lang),
            ),
        )
        return
    outcome = outcomes[0]
    if outcome.error is not None:
        return
    slug, number = outcome.details["dataset"], outcome.details["version"]
    if not outcome.details["created"]:
        out().print(
            f"Fichier identique à la version {number} de « {slug} » : aucune nouvelle version.\n"
            f"File identical to version {number} of '{slug}': no new version.",
            markup=False,
        )
        return
    rows, aside = outcome.details["storedRows"], outcome.details["quarantinedRows"]
    out().print(
        f"Version {number} de « {slug} » créée : {rows} lignes"
        + (f", {aside} lignes invalides en quarantaine" if aside else "")
        + f".\nVersion {number} of '{slug}' created: {rows} rows"
        + (f", {aside} invalid rows quarantined" if aside else "")
        + ".",
        markup=False,
    )
    if "pack" in outcome.details:
        _print_pack(outcome.details["pack"])


def _print_pack(pack: dict[str, Any]) -> None:
    """A pack dataset: the variant recognised, the references left unresolved, the indicators."""
    done = pack["transform"]
    unresolved = done["unresolvedCount"]
    out().print(
        f"Pack « {pack['pack']} » : variante {done['mapping']}, {done['rowsTidy']} lignes "
        f"normalisées, {unresolved} référence(s) de territoire non résolue(s).\n"
        f"Pack '{pack['pack']}': variant {done['mapping']}, {done['rowsTidy']} tidy rows, "
        f"{unresolved} unresolved territory reference(s).",
        markup=False,
    )
    series = done.get("series")
    if series:
        out().print(_series_line(series), markup=False)
    for item in done["unresolved"][:20]:
        candidates = f" ({', '.join(item['candidates'])})" if item["candidates"] else ""
        out().print(
            f"  ligne / row {item['rowNumber']}, {item['fieldName']}: « {item['value']} » "
            f"{item['status']}{candidates}",
            markup=False,
        )
    if unresolved > 20:
        out().print(f"  … +{unresolved - 20} (--format json)", markup=False)
    computed = pack.get("indicators")
    if computed:
        out().print(
            f"Indicateurs recalculés / indicators recomputed: {len(computed['indicators'])}, "
            f"{computed['rows']} lignes / rows → {computed.get('version')} "
            f"(indicateurs-{pack['pack']})",
            markup=False,
        )


def _series_line(series: dict[str, Any]) -> str:
    """The periods the new version took from the file, kept from the last one, or dropped."""

    def listed(key: str) -> str:
        return ", ".join(series[key]) or "—"

    return (
        f"Périodes / periods — ajoutées / added: {listed('periodsAdded')}; remplacées / "
        f"replaced: {listed('periodsReplaced')}; reprises de la version {series['basedOn']} / "
        f"carried over from version {series['basedOn']}: {listed('periodsCarriedOver')}"
        + (
            f"; supprimées / dropped: {listed('periodsDropped')}"
            if series["periodsDropped"]
            else ""
        )
    )
