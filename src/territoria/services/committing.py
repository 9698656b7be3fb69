"""The last step of every new version of an existing dataset: rename the staged folder into
the lake, then commit its catalogue row; undo the folder if the row cannot be committed."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.models import Dataset, Version
from territoria.services.instance import Instance
from territoria.storage import phases
from territoria.storage.atomic import StagedVersion, VersionConflictError, acquire_lock


class StaleVersionError(VersionConflictError):
    """Another writer committed a version after the one this version was built on (its rows
    carry that one's over): committing would drop the other's rows; build again on the new."""

    code = "stale-version"

    def __init__(self, slug: str, based_on: int, latest: int) -> None:
        super().__init__(
            f"« {slug} » : la version {latest} a été créée pendant cet envoi, construit sur la "
            f"version {based_on} ; rien n'a été stocké",
            f"'{slug}': version {latest} was created during this ingest, built on version "
            f"{based_on}; nothing was stored",
            hint_fr="envoyez le fichier à nouveau : il complétera la dernière version",
            hint_en="send the file again: it will complete the latest version",
            details={"slug": slug, "basedOn": based_on, "latest": latest},
        )


def _committing(_connection: Connection) -> None:
    phases.reached("committing")


DatasetFor = Callable[[Session], Dataset]
"""Finds (or creates, for a first ingest) the dataset, in the session that commits the version,
so that a new dataset and its first version are one transaction."""


def commit_version(
    instance: Instance, slug: str, staged: StagedVersion, fields: dict[str, Any]
) -> Version:
    """Version N+1 of dataset ``slug`` from the files written in ``staged``; ``fields`` are the
    :class:`Version` columns. Must run inside the ``with lake.stage(...)`` block (the writer's
    lock keeps recovery off the folder until the row is committed)."""
    _, version = commit_staged(
        instance, staged, fields, lambda session: repo.require_dataset(session, slug)
    )
    return version


def commit_staged(
    instance: Instance,
    staged: StagedVersion,
    fields: dict[str, Any],
    dataset_for: DatasetFor,
    based_on: int | None = None,
) -> tuple[Dataset, Version]:
    """Rename ``staged`` into the lake as the next version of ``dataset_for``'s dataset, then
    commit its catalogue row; the renamed folder is removed if the row cannot be committed.

    Writers of one dataset take turns here (an exclusive flock per dataset, held from the
    version number to the commit, a fraction of a second): two uploads at once would both
    pick number N+1 and the second be refused. The session opens inside the turn, so it
    reads the number the previous writer committed.

    ``based_on`` (0: no version yet) is the latest version the staged rows were built from;
    another one committed since raises :class:`StaleVersionError`, within the turn, before
    anything is renamed (None: the version stands alone, nothing to check)."""
    turn = acquire_lock(instance.lake.locks_dir / f"{staged.slug}.commit.lock", blocking=True)
    try:
        return _commit(instance, staged, fields, dataset_for, based_on)
    finally:
        if turn is not None:
            os.close(turn)


def _commit(
    instance: Instance,
    staged: StagedVersion,
    fields: dict[str, Any],
    dataset_for: DatasetFor,
    based_on: int | None,
) -> tuple[Dataset, Version]:
    with instance.session() as session:
        dataset = dataset_for(session)
        number = repo.next_version_number(session, dataset.id)
        if based_on is not None and number - 1 != based_on:
            raise StaleVersionError(staged.slug, based_on, number - 1)
        lake_path = staged.commit(number)
        phases.reached("renamed")  # where the crash tests kill a writer (storage/phases.py)
        try:
            version = repo.add_version(
                session, dataset, number=number, lake_path=lake_path, **fields
            )
            # fires inside session.commit(), after its last flush, before the database COMMIT
            event.listen(session.connection(), "commit", _committing)
            session.commit()
        except BaseException:
            session.rollback()
            instance.lake.remove_version(lake_path)
            raise
    return dataset, version
