"""Open any supported file as a SourceTable: guards, format detection, then the right reader."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from territoria.config import Settings
from territoria.errors import UnreadableFileError
from territoria.ingest.failures import open_guarded
from territoria.ingest.formats import detect_format
from territoria.ingest.guards import check_exists, check_file, check_line_lengths
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions, SourceTable

Reader = Callable[..., SourceTable]

READERS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "read_csv"),
    "xlsx": ("spreadsheet", "read_xlsx"),
    "xls": ("spreadsheet", "read_xls"),
    "ods": ("spreadsheet", "read_ods"),
    "json": ("json", "read_json"),
    "jsonl": ("jsonl", "read_jsonl"),
    "geojson": ("geojson", "read_geojson"),
    "parquet": ("parquet", "read_parquet"),
    "html": ("htmltable", "read_html_table"),  # only for an HTML page named .xls (formats.py)
}
"""Format -> (module of ``territoria.ingest.readers``, function): a reader's module and its
libraries (calamine, pyarrow…) load only when a file of its format comes, which keeps the
start of every command short (a CSV validation never imports the spreadsheet stack)."""


def reader_for(fmt: str) -> Reader:
    """The reader function of ``fmt`` (one of :data:`READERS`), imported on first use."""
    module, function = READERS[fmt]
    reader: Reader = getattr(import_module(f"territoria.ingest.readers.{module}"), function)
    return reader


LINE_CHECKED = {"jsonl"}  # the CSV reader checks line lengths in its own pass over the bytes


def _check_size(path: Path, settings: Settings) -> None:
    size = path.stat().st_size
    if size > settings.max_upload_bytes:
        limit = f"{settings.max_upload_bytes:,}".replace(",", " ")
        raise UnreadableFileError(
            f"le fichier dépasse la taille maximale de {limit} octets",
            f"the file exceeds the maximum size of {limit} bytes",
            path=str(path),
            hint_fr="découpez le fichier ou relevez TERRITORIA_MAX_UPLOAD_BYTES",
            hint_en="split the file or raise TERRITORIA_MAX_UPLOAD_BYTES",
        )


def open_table(
    path: Path, options: ReadOptions, settings: Settings, *, scratch_dir: Path | None = None
) -> SourceTable:
    """The table in ``path``; any unusable input is a bilingual :class:`UnreadableFileError`,
    whether the reader finds it out or a later scan of the table does (see
    :mod:`territoria.ingest.failures`: a reader added to :data:`READERS` is guarded as is).

    The caller must call ``table.close()`` when done (it deletes scratch files). Scratch
    files go to ``scratch_dir``, by default ``<tmp>/scratch``.
    """
    check_exists(path)
    _check_size(path, settings)
    check_file(path)
    fmt = detect_format(path, options.format)
    if fmt in LINE_CHECKED:
        check_line_lengths(path, settings.max_line_bytes)
    scratch_dir = scratch_dir or settings.tmp_dir / "scratch"
    scratch_dir.mkdir(parents=True, exist_ok=True)
    limits = ReaderLimits.from_settings(settings)
    reader = reader_for(fmt)
    return open_guarded(
        path, fmt, lambda: reader(path, options, scratch_dir=scratch_dir, limits=limits)
    )
