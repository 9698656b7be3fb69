"""A pack dataset's series across files: the earlier periods of its latest version carried over
to a new file's rows, reconciled without loss, or the file refused; never dropped unsaid."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.errors import InternalError, UserError
from territoria.packs.pack import DatasetRole
from territoria.packs.tidy_schema import PERIOD_FIELD
from territoria.services.instance import open_instance


@dataclass
class Series:
    """The rows carried over, the version they come from (0: none) and what became of it."""

    based_on: int
    carried: pa.Table
    report: dict[str, Any] = field(default_factory=dict)


@dataclass
class Problem:
    """A difference between the stored layout and the file's that would lose data."""

    column: str
    fr: str
    en: str


class SeriesLayoutError(UserError):
    """Earlier periods that cannot be carried over to the new layout without loss (409)."""

    code = "series-layout-changed"
    http_status = 409

    def __init__(
        self, role: DatasetRole, number: int, lost: list[str], rows: int, problems: list[Problem]
    ) -> None:
        listed = ", ".join(lost) or "—"
        super().__init__(
            f"« {role.slug} » : la version {number} a une autre structure que ce fichier "
            f"({'; '.join(p.fr for p in problems)}) ; ses périodes {listed} ({rows} lignes), "
            "absentes du fichier, seraient perdues : rien n'a été stocké",
            f"'{role.slug}': version {number} has another layout than this file "
            f"({'; '.join(p.en for p in problems)}); its periods {listed} ({rows} rows), "
            "which the file lacks, would be lost: nothing was stored",
            hint_fr="envoyez un fichier qui contient aussi ces périodes, ou remplacez toute la "
            "série par ce fichier : --replace-series (API : replace_series=true)",
            hint_en="send a file that holds these periods too, or replace the whole series "
            "with this file: --replace-series (API: replace_series=true)",
            details={
                "dataset": role.slug,
                "version": number,
                "periodsLost": lost,
                "rowsLost": rows,
                "problems": [{"column": p.column, "problem": p.en} for p in problems],
            },
        )


def series_for(settings: Settings, role: DatasetRole, new: pa.Table, *, replace: bool) -> Series:
    """The latest version's rows of periods ``new`` does not hold, in ``new``'s layout (a
    yearly file adds its year to the series); none when ``replace``. A layout they cannot
    take without loss raises :class:`SeriesLayoutError`."""
    number, old = _latest(settings, role)
    new_periods = _periods(new)
    report: dict[str, Any] = {"basedOn": number or None, "replaceSeries": replace}
    report["periodsAdded"] = sorted(new_periods - _periods(old)) if old else sorted(new_periods)
    if old is None:
        return Series(0, new.schema.empty_table(), report | _moved([], [], []))
    keep = pc.invert(
        pc.is_in(old[PERIOD_FIELD], value_set=pa.array(sorted(new_periods), pa.string()))
    )
    kept = old.filter(pc.fill_null(keep, True))
    replaced = sorted(_periods(old) & new_periods)
    if replace:
        report |= _moved([], replaced, sorted(_periods(kept)))
        report["rowsDropped"] = kept.num_rows
        return Series(number, new.schema.empty_table(), report)
    carried, changes, problems = reconcile(kept, new.schema, _required(role))
    if problems:
        raise SeriesLayoutError(role, number, sorted(_periods(kept)), kept.num_rows, problems)
    report |= _moved(sorted(_periods(kept)), replaced, [])
    report["rowsCarriedOver"] = kept.num_rows
    report["layoutChanges"] = changes
    return Series(number, carried, report)


def reconcile(
    old: pa.Table, schema: pa.Schema, required: set[str]
) -> tuple[pa.Table, list[dict[str, str]], list[Problem]]:
    """(``old``'s rows in ``schema``'s layout, the changes made, what would lose data).

    Columns are taken in ``schema``'s order; a column ``old`` lacks is added empty unless
    required; a column ``schema`` lacks is dropped only when empty; a type is cast only when
    casting back gives every value again (a widening cast; a stored date or boolean back to
    the text the tidy rows hold)."""
    changes: list[dict[str, str]] = []
    problems: list[Problem] = []
    columns: list[pa.ChunkedArray | pa.Array] = []
    for target in schema:
        name = target.name
        if name not in old.column_names:
            if name in required:
                problems.append(
                    Problem(
                        name,
                        f"colonne « {name} » ajoutée, obligatoire",
                        f"column '{name}' added, required",
                    )
                )
            else:
                changes.append({"column": name, "change": "added"})
            columns.append(pa.nulls(old.num_rows, target.type))
            continue
        column = old[name]
        cast = column if column.type == target.type else _lossless_cast(column, target.type)
        if cast is None:
            problems.append(
                Problem(
                    name,
                    f"colonne « {name} » : {column.type} → {target.type} perdrait des valeurs",
                    f"column '{name}': {column.type} → {target.type} would lose values",
                )
            )
            cast = pa.nulls(old.num_rows, target.type)
        columns.append(cast)
    for name in old.column_names:
        if name in schema.names:
            continue
        if old[name].null_count == old.num_rows:
            changes.append({"column": name, "change": "dropped-empty"})
        else:
            problems.append(
                Problem(name, f"colonne « {name} » retirée", f"column '{name}' removed")
            )
    common = [n for n in old.column_names if n in schema.names]
    if common != [n for n in schema.names if n in old.column_names]:
        changes.append({"column": "*", "change": "reordered"})
    return pa.Table.from_arrays(columns, schema=schema), changes, problems


def _lossless_cast(column: pa.ChunkedArray, target: pa.DataType) -> pa.ChunkedArray | None:
    """``column`` as ``target`` when casting back gives the same values, else None: the caller
    then records the column as a problem and the file is refused, nothing is dropped."""
    try:
        cast = pc.cast(column, target, safe=True)
        back = pc.cast(cast, column.type, safe=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    return cast if back.equals(column) else None


def _latest(settings: Settings, role: DatasetRole) -> tuple[int, pa.Table | None]:
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            latest = repo.latest_version(session, role.slug)
            if latest is None:
                return 0, None
            number, path = latest.number, instance.lake.data_file(latest.lake_path)
    finally:
        instance.close()
    if not path.exists():  # the lake lost a committed version: say so, carry nothing silently
        raise InternalError(f"version {number} of '{role.slug}' has no data file: {path}")
    return number, pq.read_table(path)


def _periods(table: pa.Table | None) -> set[str]:
    if table is None or table.num_rows == 0:
        return set()
    return {str(p) for p in pc.unique(table[PERIOD_FIELD]).to_pylist() if p is not None}


def _required(role: DatasetRole) -> set[str]:
    return {
        f["name"]
        for f in role.tidy_schema["fields"]
        if f.get("constraints", {}).get("required") is True
    }


def _moved(carried: list[str], replaced: list[str], dropped: list[str]) -> dict[str, list[str]]:
    return {"periodsCarriedOver": carried, "periodsReplaced": replaced, "periodsDropped": dropped}
