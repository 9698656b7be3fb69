"""Many files at once: what the inputs name (files, folders, globs) and one outcome per file.

A batch never stops on an unusable file: the file yields an outcome carrying its
:class:`UserError` and the others go on. The exit status of a batch is the worst of its files
(0 valid, 1 invalid, 2 unusable), so the single-file case keeps its meaning.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from territoria.errors import UnreadableFileError, UserError

if TYPE_CHECKING:
    from territoria.validation.report import Report


@dataclass
class FileOutcome:
    """What became of one file: its report, or the user error that made it unusable.

    ``details`` holds what the use case adds (the dataset and version of an ingestion);
    ``accepted`` says the use case took the file whatever its report (an ingestion with
    quarantine stores the valid rows of an invalid file: a success).
    """

    path: Path
    report: Report | None = None
    error: UserError | None = None
    details: dict[str, Any] = field(default_factory=dict)
    accepted: bool = False
    lines: dict[str, str] = field(default_factory=dict, repr=False)  # json_line's, by language

    @property
    def exit_code(self) -> int:
        """0 valid (or accepted), 1 invalid, 2 unusable (the error's own code if any)."""
        if self.error is not None:
            return self.error.exit_code
        return 0 if self.accepted or self.report is None or self.report.valid else 1

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """One JSON Lines record: the path, the use case's details, then the report (the
        frictionless-shaped report of ARCHITECTURE.md) or the error body."""
        body: dict[str, Any] = {"path": str(self.path), **self.details}
        if self.report is not None:
            body.update(self.report.to_dict(lang))
        if self.error is not None:
            body["error"] = self.error.to_dict()
        body.setdefault("valid", self.exit_code == 0)
        body["exitCode"] = self.exit_code
        return body

    def json_line(self, lang: str = "fr") -> str:
        """:meth:`to_dict` as one line of JSON Lines, made once per language (a worker
        process makes it where the file was validated, in parallel)."""
        if lang not in self.lines:
            record = self.to_dict(lang)
            self.lines[lang] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return self.lines[lang]


def worst_exit_code(outcomes: Iterable[FileOutcome]) -> int:
    """The exit status of a batch: the worst of its files (0 when there is none)."""
    return max((outcome.exit_code for outcome in outcomes), default=0)


def supported_suffixes() -> frozenset[str]:
    """File name endings a folder is searched for: every format a reader takes, and aliases."""
    from territoria.ingest.formats import ALIASES, CSV_SUFFIXES, FORMATS

    return frozenset({f".{name}" for name in (*FORMATS, *ALIASES)} | CSV_SUFFIXES)


def _folder_files(folder: Path, suffixes: frozenset[str]) -> list[Path]:
    """The supported files directly in ``folder``, sorted by name, hidden ones skipped."""
    return sorted(
        child
        for child in folder.iterdir()
        if not child.name.startswith(".") and child.suffix.lower() in suffixes and child.is_file()
    )


def _nothing_in(arg: str, folder: bool) -> UserError:
    if folder:
        return UnreadableFileError(
            "le dossier ne contient aucun fichier pris en charge",
            "the folder holds no supported file",
            path=arg,
            hint_fr="fichiers lus : " + ", ".join(sorted(supported_suffixes())),
            hint_en="files read: " + ", ".join(sorted(supported_suffixes())),
        )
    return UnreadableFileError(
        "aucun fichier ne correspond à ce motif",
        "no file matches this pattern",
        path=arg,
        hint_fr="vérifiez le motif (ex. 'donnees/*.csv') et le dossier courant",
        hint_en="check the pattern (e.g. 'data/*.csv') and the current folder",
    )


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


@dataclass(frozen=True)
class BatchInput:
    """One file to process, or what an argument that names no file is (an exit-2 outcome)."""

    path: Path
    error: UserError | None = None


def expand_inputs(args: Sequence[str | Path], schema_ref: object = None) -> list[BatchInput]:
    """The files the arguments name, in order: a file as given; a folder's supported files
    (sorted, hidden ones skipped, not recursive); a glob expanded here (quoted, the shell did
    not), hidden matches skipped unless the pattern asks. An argument that names nothing
    becomes an error input; a missing plain path stays a path, so reading it explains.
    A file named twice is kept once; a folder or a glob leaves out the schema file
    ``schema_ref`` names, when it lies among the data."""
    suffixes = supported_suffixes()
    found: list[BatchInput] = []
    skipped: set[Path] = set()
    if isinstance(schema_ref, str | Path) and Path(schema_ref).is_file():
        skipped.add(_absolute(Path(schema_ref)))
    seen: set[Path] = set()

    def add(item: BatchInput) -> None:
        key = _absolute(item.path)
        if item.error is None and key in seen:
            return
        seen.add(key)
        found.append(item)

    for arg in args:
        text = str(arg)
        path = Path(text)
        if path.is_dir():
            children = [c for c in _folder_files(path, suffixes) if _absolute(c) not in skipped]
            for child in children:
                add(BatchInput(child))
            if not children:
                add(BatchInput(path, _nothing_in(text, folder=True)))
        elif not path.exists() and glob.has_magic(text):
            matches = sorted(Path(match) for match in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file() and _absolute(m) not in skipped]
            for match in files:
                add(BatchInput(match))
            if not files:
                add(BatchInput(path, _nothing_in(text, folder=False)))
        else:
            add(BatchInput(path))
    return found
