"""Validate files against a schema (named, given or inferred) without storing anything.

One way to validate: :func:`validate_files` over a batch; one file is the batch of one.
What every file of a batch shares is set up once by :class:`FileValidator` (scratch folder,
DuckDB connection, loaded schema): on small files that setup costs more than the checks.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

from territoria.config import Settings
from territoria.errors import UserError
from territoria.ingest.table import ReadOptions
from territoria.schemas.loader import load_schema
from territoria.schemas.model import Schema
from territoria.services.batch import BatchInput, FileOutcome
from territoria.services.tables import (
    SchemaRef,
    engine_connection,
    open_source,
    schema_for,
    scratch_settings,
)
from territoria.validation.report import Report
from territoria.validation.validator import validate

Progress = Callable[[str], None]
CHUNK = 1024 * 1024
# A worker process costs ~0.6 s of CPU to start (its imports); a small file ~0.1 s to check.
POOL_FROM_FILES = 16  # this many files repay a worker whatever their size...
POOL_FROM_BYTES = 8 * 1024**2  # ...and two or more files this large in all


def _silent(_step: str) -> None:
    return None


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class FileValidator:
    """Validates file after file on what they share: one scratch home, one DuckDB
    connection, the schema loaded once (or inferred per file when none is given).

    A context manager; the schema is loaded on entry, so a bad ``schema_ref`` is one
    :class:`~territoria.errors.SchemaError` for the whole batch, not one per file. With
    ``line_lang``, each outcome comes with its JSON line in that language already made.
    """

    def __init__(
        self,
        schema_ref: SchemaRef | None,
        options: ReadOptions,
        settings: Settings,
        line_lang: str | None = None,
    ):
        self.schema_ref = schema_ref
        self.options = options
        self.settings = settings
        self.line_lang = line_lang
        self._stack = ExitStack()
        self._schema: Schema | None = None

    def __enter__(self) -> FileValidator:
        with ExitStack() as stack:
            if self.schema_ref is not None:
                self._schema = load_schema(self.schema_ref)
            self.settings = stack.enter_context(scratch_settings(self.settings))
            self._con = engine_connection(self.settings)
            stack.callback(self._con.close)
            self._stack = stack.pop_all()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stack.close()

    def report(self, path: Path, progress: Progress = _silent) -> Report:
        """The validation report of ``path``; an unusable file raises its :class:`UserError`."""
        progress("lecture / reading")
        table = open_source(path, self.options, self.settings)
        try:
            schema = self._schema or schema_for(table, None, self._con)
            progress("validation / validating")
            report = validate(
                table, schema, limit_errors=self.settings.error_list_limit, con=self._con
            )
        finally:
            table.close()
        report.detection = table.detection.to_dict()
        return report

    def outcome(self, item: BatchInput, progress: Progress = _silent) -> FileOutcome:
        """The outcome of one input: its report, or the user error that made it unusable."""
        if item.error is not None:
            outcome = FileOutcome(item.path, error=item.error)
        else:
            try:
                outcome = FileOutcome(item.path, report=self.report(item.path, progress))
            except UserError as error:
                outcome = FileOutcome(item.path, error=error)
        if self.line_lang is not None:
            outcome.json_line(self.line_lang)
        return outcome


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader will say what is wrong with it


def batch_jobs(inputs: Sequence[BatchInput], jobs: int | None = None) -> int:
    """How many processes share a batch: ``jobs`` when given, else one per core once the
    readable inputs are enough work to repay starting workers (1 = this process alone)."""
    if jobs is not None:
        return max(1, jobs)
    readable = [item.path for item in inputs if item.error is None]
    enough = len(readable) >= POOL_FROM_FILES or (
        len(readable) >= 2 and sum(_size(path) for path in readable) >= POOL_FROM_BYTES
    )
    return max(1, min(os.cpu_count() or 1, len(readable))) if enough else 1


def validate_files(
    inputs: Sequence[BatchInput | Path],
    schema_ref: SchemaRef | None,
    options: ReadOptions,
    settings: Settings,
    progress: Progress = _silent,
    jobs: int | None = None,
    line_lang: str | None = None,
) -> Iterator[FileOutcome]:
    """One outcome per input, in order; an unusable file is an outcome carrying its error
    (exit 2), never the end of the batch. A schema that cannot be loaded raises at once.

    ``jobs`` worker processes (default: :func:`batch_jobs`) share the files, each with its
    own :class:`FileValidator` and its share of the DuckDB threads; ``progress`` reports the
    steps of a file only when the files are validated in this process. Paths are taken as
    they are (an upload's temporary file); :func:`~territoria.services.batch.expand_inputs`
    turns folders and globs into inputs first. ``line_lang``: the language of the JSON
    lines the caller will write, made by the workers (see :meth:`FileOutcome.json_line`).
    """
    items = [item if isinstance(item, BatchInput) else BatchInput(item) for item in inputs]
    workers = batch_jobs(items, jobs)
    if workers == 1:
        with FileValidator(schema_ref, options, settings) as validator:
            for item in items:
                yield validator.outcome(item, progress)
        return
    from territoria.services.parallel import outcomes_in_pool

    if schema_ref is not None:
        load_schema(schema_ref)  # a bad schema is one error here, not a broken pool
    shared = settings.model_copy(update={"threads": max(1, settings.threads // workers)})
    args = (schema_ref, options, shared, line_lang)
    yield from outcomes_in_pool(FileValidator, args, items, workers)


def validate_file(
    path: Path,
    schema_ref: SchemaRef | None,
    options: ReadOptions,
    settings: Settings,
    lang: str = "fr",
    progress: Progress = _silent,
) -> Report:
    """The validation report of ``path`` (the batch of one); an unusable file raises.

    ``lang`` is kept for callers that render right away; the report holds both languages.
    """
    del lang
    (outcome,) = validate_files([path], schema_ref, options, settings, progress)
    if outcome.error is not None:
        raise outcome.error
    assert outcome.report is not None
    return outcome.report


def infer_file_schema(path: Path, options: ReadOptions, settings: Settings) -> dict[str, Any]:
    """The Table Schema descriptor inferred from ``path``."""
    with scratch_settings(settings) as scratch:
        table = open_source(path, options, scratch)
        try:
            con = engine_connection(scratch)
            try:
                return schema_for(table, None, con).to_dict()
            finally:
                con.close()
        finally:
            table.close()
