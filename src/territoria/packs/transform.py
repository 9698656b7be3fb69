"""Turn a raw publication into a pack dataset's tidy rows with the matching mapping, and say
what did not fit: unresolved territories and unreadable numbers, each with its row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from territoria.errors import UserError
from territoria.packs.cells import field_cells, typed_column
from territoria.packs.headers import header_key, missing_headers
from territoria.packs.manifest import Mapping
from territoria.packs.pack import DatasetRole
from territoria.packs.periods import periods
from territoria.packs.raw import RawTable
from territoria.packs.references import Unresolved, resolve_references
from territoria.packs.tidy_schema import PERIOD_FIELD, TERRITORY_FIELD
from territoria.packs.unpivot import Columns, columns_by_key, unpivot


class UnknownLayoutError(UserError):
    """A file matching none of the publication variants a pack dataset knows."""

    code = "unknown-layout"
    http_status = 422


@dataclass
class TidyResult:
    """The tidy rows, and the report of the transform."""

    table: pa.Table
    mapping: str
    rows_in: int
    unresolved: list[Unresolved] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    bad_cells: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        """JSON-ready report: variant, counts, every unresolved reference and bad cell."""
        return {
            "mapping": self.mapping,
            "rowsRead": self.rows_in,
            "rowsTidy": self.table.num_rows,
            "territoryStatuses": self.statuses,
            "unresolvedCount": len(self.unresolved),
            "unresolved": [u.as_dict() for u in self.unresolved],
            "badCells": self.bad_cells,
        }


def select_mapping(role: DatasetRole, labels: Sequence[str]) -> Mapping:
    """The first publication variant whose identifying headers are all in ``labels``."""
    misses = {m.name: missing_headers(m.match, labels) for m in role.mappings}
    for mapping in role.mappings:
        if not misses[mapping.name]:
            return mapping
    detail = "; ".join(f"{name}: {', '.join(miss)}" for name, miss in misses.items())
    raise UnknownLayoutError(
        f"le fichier ne ressemble à aucune publication connue de « {role.slug} » "
        f"(colonnes manquantes — {detail})",
        f"the file matches no known publication of '{role.slug}' (missing columns — {detail})",
        hint_fr="renommez les colonnes comme l'une des variantes, ou ajoutez une variante au pack",
        hint_en="rename the columns as in one of the variants, or add a variant to the pack",
        details={"dataset": role.slug, "missing": misses},
    )


def transform(role: DatasetRole, raw: RawTable) -> TidyResult:
    """The tidy rows of ``raw`` for ``role`` (one per raw row, or per group when unpivoted)."""
    mapping = select_mapping(role, raw.labels)
    origins: pa.Array | None = None
    if mapping.unpivot is not None:
        cols, rows, origins = unpivot(raw, mapping.unpivot)
    else:
        cols, rows = columns_by_key(raw), raw.rows
    size = len(rows)
    result = TidyResult(pa.table({}), mapping.name, raw.size)
    spot = mapping.territory
    names = _column(cols, spot.name_column) if spot.name_column else None
    resolved = resolve_references(spot, _column(cols, spot.column), names, rows, spot.column)
    if (
        origins is not None
        and mapping.unpivot
        and header_key(spot.column) == header_key(mapping.unpivot.key)
    ):
        for item in resolved.unresolved:  # the reference is the header the row came from
            item.column = item.value or item.column
    seen: set[tuple[int, str, str | None]] = set()
    for item in resolved.unresolved:  # an unpivoted row repeats its reference: report it once
        if (item.row, item.column, item.value) not in seen:
            seen.add((item.row, item.column, item.value))
            result.unresolved.append(item)
    result.statuses = resolved.statuses
    period_spec = mapping.period
    source = period_spec.column or period_spec.latest
    period_cells = _column(cols, source) if source else None
    tidy_periods = periods(period_spec, period_cells, raw.filename, size)
    physical = rows.to_numpy(zero_copy_only=False)
    if period_cells is not None and tidy_periods.null_count:
        unfit = np.flatnonzero(tidy_periods.is_null().to_numpy(zero_copy_only=False))
        unfit_cells = period_cells.take(pa.array(unfit, pa.int64())).to_pylist()
        for i, cell in zip(unfit, unfit_cells, strict=True):
            result.bad_cells.append(_bad(int(physical[i]), source or "", cell, "period"))
    arrays: dict[str, pa.Array] = {}
    for item in role.tidy_schema["fields"]:
        name = item["name"]
        if name == TERRITORY_FIELD:
            arrays[name] = resolved.ids
        elif name == PERIOD_FIELD:
            arrays[name] = tidy_periods
        elif name in mapping.fields:
            spec = mapping.fields[name]
            given = _column(cols, spec.column) if spec.column else None
            cells = field_cells(spec, resolved.ids if spec.territory else given, size)
            array, bad = typed_column(cells, role.field_type(name))
            arrays[name] = array
            result.bad_cells.extend(
                _bad(int(physical[i]), spec.column or name, v, "number") for i, v in bad
            )
        else:
            arrays[name] = typed_column(pa.nulls(size, pa.string()), role.field_type(name))[0]
    result.table = pa.table(arrays)
    return result


def _column(cols: Columns, name: str) -> pa.Array:
    found = cols.get(header_key(name))
    if found is None:
        raise UserError(
            f"colonne « {name} » absente du fichier",
            f"column '{name}' missing from the file",
            details={"column": name, "columns": sorted(cols)},
        )
    return found


def _bad(row: int, column: str, value: str | None, kind: str) -> dict[str, Any]:
    return {"rowNumber": row, "fieldName": column, "value": value, "type": kind}
