"""Roll a dataset back to an earlier version: a new version whose content is that one's.

History stays immutable: nothing is deleted or rewritten; version N+1 holds version K's files
(hard-linked when the filesystem allows, else copied) committed through the lake's atomic
protocol, with K's schema, report and source, and records that it restores K.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from territoria.catalog import repository as repo
from territoria.catalog.models import Version
from territoria.config import Settings
from territoria.errors import NotFoundError
from territoria.services.catalogue import version_dict
from territoria.services.committing import commit_version
from territoria.services.diffing import diff_versions
from territoria.services.instance import Instance, open_instance
from territoria.storage.atomic import StagedVersion

# what a rollback version takes over from the version it restores
CARRIED = (
    "source_filename",
    "source_sha256",
    "source_bytes",
    "detection",
    "schema_json",
    "report",
    "row_count",
    "invalid_row_count",
    "quarantined",
)


@dataclass
class RollbackResult:
    """The version restored, the version now holding its content (the new one, or the latest
    when it already had that content) and whether a version was created."""

    target: Version
    version: Version
    created: bool

    def to_dict(self) -> dict[str, Any]:
        """``{"created", "restored", "version"}`` as the CLI prints it and the API will serve it."""
        return {
            "created": self.created,
            "restored": self.target.number,
            "version": version_dict(self.version),
        }


def _link_files(source: Path, staged: StagedVersion) -> None:
    """Every file of a committed version folder into the staging folder: a hard link costs
    no space or time and is safe because committed files are never rewritten."""
    for path in sorted(source.iterdir()):
        if not path.is_file():
            continue
        target = staged.folder / path.name
        try:
            os.link(path, target)
        except OSError:  # a filesystem without hard links
            shutil.copyfile(path, target)


def _same_content(instance: Instance, slug: str, target: Version, latest: Version) -> bool:
    """Whether ``latest`` already holds ``target``'s content: the same schema and the same
    rows (as many, then the same data file or a diff finding no difference)."""
    if latest.number == target.number:
        return True
    if latest.schema_json != target.schema_json or latest.row_count != target.row_count:
        return False
    lake = instance.lake
    a, b = lake.data_file(target.lake_path), lake.data_file(latest.lake_path)
    if os.path.samefile(a, b) or filecmp.cmp(a, b, shallow=False):  # linked, or equal bytes
        return True
    diff = diff_versions(slug, target.number, latest.number, instance.settings, sample_size=0)
    return diff.identical


def rollback_version(slug: str, number: int, settings: Settings) -> RollbackResult:
    """A new version of ``slug`` whose content is version ``number``'s; unknown dataset or
    version raises :class:`NotFoundError`. When the latest version already has that content
    nothing is created (as ingesting an identical file creates nothing)."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            target = repo.require_version(session, slug, number)
            latest = repo.latest_version(session, slug)
        if latest is None:  # require_version found one: only a concurrent deletion gets here
            raise NotFoundError(
                f"le jeu de données « {slug} » n'a aucune version",
                f"dataset '{slug}' has no version",
                details={"slug": slug},
            )
        if _same_content(instance, slug, target, latest):
            return RollbackResult(target, latest, created=False)
        fields: dict[str, Any] = {name: getattr(target, name) for name in CARRIED}
        fields["rolled_back_from"] = target.number
        with instance.lake.stage(slug) as staged:
            _link_files(instance.lake.version_dir(target.lake_path), staged)
            version = commit_version(instance, slug, staged, fields)
        return RollbackResult(target, version, created=True)
    finally:
        instance.close()
