"""Wide to long: one column per département (État 4001) or per sector (ORE) becomes rows."""

from __future__ import annotations

from typing import TypeVar

from territoria.errors import UserError
from territoria.packs.headers import header_index, header_key
from territoria.packs.manifest import Unpivot
from territoria.packs.raw import RawTable

Columns = dict[str, list[str | None]]  # header key → cells
T = TypeVar("T")


def columns_by_key(table: RawTable) -> Columns:
    """The table's columns under their lenient header keys."""
    return {key: table.columns[i] for key, i in header_index(table.labels).items()}


def unpivot(table: RawTable, spec: Unpivot) -> tuple[Columns, list[int], list[str]]:
    """(the long columns by key, each long row's physical row, the header each row came
    from). ``keep`` columns repeat on every long row; the key column holds the group key."""
    index = header_index(table.labels)
    keep = [header_key(name) for name in spec.keep]
    if spec.groups is None:
        assert spec.value is not None
        kept = set(keep)
        groups = {
            label: {spec.value: label} for label in table.labels if header_key(label) not in kept
        }
    else:
        groups = spec.groups
    for members in groups.values():
        for header in members.values():
            if header_key(header) not in index:
                raise UserError(
                    f"colonne « {header} » absente du fichier à dépivoter",
                    f"column '{header}' missing from the file to unpivot",
                    details={"column": header},
                )
    width = len(groups)
    out: Columns = {key: _repeated(table.columns[index[key]], width) for key in keep}
    out[header_key(spec.key)] = list[str | None](groups) * table.size
    names = sorted({header_key(v) for members in groups.values() for v in members})
    for name in names:  # group by group, row by row: each row's groups side by side
        sources = []
        for members in groups.values():
            present = {header_key(v): header_key(h) for v, h in members.items()}
            source = present.get(name)
            sources.append([None] * table.size if source is None else table.columns[index[source]])
        out[name] = [cell for cells in zip(*sources, strict=True) for cell in cells]
    origins = [next(iter(members.values())) for members in groups.values()] * table.size
    return out, _repeated(table.rows, width), origins


def _repeated(cells: list[T], times: int) -> list[T]:
    """Each cell ``times`` times in a row: a raw row's cells on each of its long rows."""
    return [cell for cell in cells for _ in range(times)]
