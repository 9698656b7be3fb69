"""Wide to long: one column per département (État 4001) or per sector (ORE) becomes rows."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from territoria.errors import UserError
from territoria.packs.headers import header_index, header_key
from territoria.packs.manifest import Unpivot
from territoria.packs.raw import RawTable

Columns = dict[str, pa.Array]  # header key → cells (Arrow strings)


def columns_by_key(table: RawTable) -> Columns:
    """The table's columns under their lenient header keys."""
    return {key: table.columns[i] for key, i in header_index(table.labels).items()}


def unpivot(table: RawTable, spec: Unpivot) -> tuple[Columns, pa.Array, pa.Array]:
    """(the long columns by key, each long row's physical row, the header each row came
    from). ``keep`` columns repeat on every long row; the key column holds the group key.
    Long rows follow the raw rows, each row's groups in the mapping's order; the repeated
    columns are dictionary arrays (their text is each raw cell's, not a copy per long row)."""
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
    size, width = table.size, len(groups)
    each_row = pa.array(np.repeat(np.arange(size, dtype=np.int64), width))  # raw row per long
    each_group = pa.array(np.tile(np.arange(width, dtype=np.int64), size))  # group per long
    out: Columns = {key: _repeated(table.columns[index[key]], each_row) for key in keep}
    out[header_key(spec.key)] = _coded(each_group, list(groups))
    # the long row of (raw row r, group g) reads cell r of group g's column: in the groups'
    # columns laid end to end, position g * size + r
    interleaved = pa.array(
        (np.arange(width, dtype=np.int64)[None, :] * size + np.arange(size)[:, None]).ravel()
    )
    names = sorted({header_key(v) for members in groups.values() for v in members})
    for name in names:
        sources = []
        for members in groups.values():
            present = {header_key(v): header_key(h) for v, h in members.items()}
            source = present.get(name)
            sources.append(
                pa.nulls(size, pa.string()) if source is None else table.columns[index[source]]
            )
        joined = pa.concat_arrays(sources) if sources else pa.array([], pa.string())
        out[name] = joined.take(interleaved)
    firsts = [next(iter(members.values())) for members in groups.values()]
    return out, table.rows.take(each_row), _coded(each_group, firsts)


def _repeated(column: pa.Array, each_row: pa.Array) -> pa.Array:
    """A raw column's cells on each long row of theirs, dictionary-encoded: the long column
    repeats the raw one's values, it need not copy them (nor hash them again downstream)."""
    encoded = column.dictionary_encode(null_encoding="encode")
    return pa.DictionaryArray.from_arrays(encoded.indices.take(each_row), encoded.dictionary)


def _coded(positions: pa.Array, texts: list[str]) -> pa.Array:
    """The text at each of ``positions``, dictionary-encoded."""
    indices = positions.cast(pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(texts, pa.string()))
