"""Export a version of a dataset, or a query's result over it, in any format: the use cases.

``export_version`` is ``territoria export``: a whole stored version with the CLI's defaults
(comma, no BOM, the stored column labels as header). ``open_export`` is the HTTP exports'
entry: the caller resolved the visible version and compiled the query; it gets a stream that
owns its DuckDB connection. Both go through
:func:`~territoria.services.export_stream.stream_export`, the one export path. A whole
version is exported with :func:`stored_fields`, its columns as its schema types them: its
geometry is the column typed ``geojson`` or ``geopoint``, even when no row holds one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow.parquet as pq
from sqlglot import exp

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.errors import NotFoundError, UserError
from territoria.query.fields import QueryField, fields_for
from territoria.services.export_options import FORMATS, ExportOptions, check_format
from territoria.services.export_stream import stream_export
from territoria.services.instance import open_instance
from territoria.services.tables import engine_connection

__all__ = ["FORMATS", "export_version", "open_export", "stored_fields"]


def stored_fields(source: Path, schema_json: dict[str, Any] | None) -> list[QueryField]:
    """The fields of a stored version (its Parquet file and Table Schema): what its export
    reads the geo columns from, rather than guessing them from the rows."""
    return fields_for(pq.read_schema(source), schema_json)


def open_export(
    settings: Settings,
    fmt: str,
    options: ExportOptions,
    *,
    source: Path,
    query: exp.Select | None = None,
    fields: Sequence[QueryField] = (),
    prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> Iterator[bytes]:
    """The chunks of an export of ``source`` (a version's Parquet file) or of ``query`` over
    it, on a connection of its own closed when the stream ends or is dropped. ``prepare``
    readies that connection for the query (loads the spatial extension the ODSQL geo
    functions need). Refusals are raised here, before the first chunk."""
    con = engine_connection(settings)
    try:
        if prepare is not None:
            prepare(con)
        chunks = stream_export(
            con, query, source, fmt, options, fields=fields, tmp_dir=settings.tmp_dir
        )
    except BaseException:
        con.close()
        raise

    def owned() -> Iterator[bytes]:
        try:
            yield from chunks
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            con.close()

    return owned()


def export_version(
    slug: str,
    fmt: str,
    number: int | None,
    out: Path | BinaryIO,
    settings: Settings,
    options: ExportOptions | None = None,
) -> int:
    """Write version ``number`` (latest when None) of ``slug`` as ``fmt`` to ``out``; returns
    the version number exported. A file is written beside its target, then renamed: an
    interrupted export leaves no half file under the requested name."""
    name = check_format(fmt)
    if isinstance(out, Path) and not out.parent.is_dir():
        raise UserError(
            f"le dossier de « {out} » n'existe pas",
            f"the folder of '{out}' does not exist",
            hint_fr="créez-le ou choisissez un autre fichier de sortie",
            hint_en="create it or choose another output file",
            details={"output": str(out)},
        )
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            if number is None:
                version = repo.latest_version(session, slug)
                if version is None:
                    raise NotFoundError(
                        f"le jeu de données « {slug} » n'a encore aucune version",
                        f"dataset '{slug}' has no version yet",
                        details={"slug": slug},
                    )
            else:
                version = repo.require_version(session, slug, number)
        source = instance.lake.data_file(version.lake_path)
        fields = stored_fields(source, version.schema_json)
        chunks = open_export(
            settings, name, options or ExportOptions(), source=source, fields=fields
        )
        if isinstance(out, Path):
            partial = out.with_name(f".{out.name}.partial")
            try:
                with partial.open("wb") as stream:
                    for chunk in chunks:
                        stream.write(chunk)
                partial.replace(out)
            finally:
                partial.unlink(missing_ok=True)
        else:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
        return version.number
    finally:
        instance.close()
