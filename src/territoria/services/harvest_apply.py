"""A harvested dataset's catalogue side: what a run will do with it, its metadata applied
(only the fields that differ, so an unchanged remote leaves ``modified`` alone), and its
record closed once data and metadata are in."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.changes import FIELDS, canonical_key, normalise_changes
from territoria.catalog.models import Dataset
from territoria.errors import UserError
from territoria.harvest.remote import RemoteDataset
from territoria.security.actor import Actor
from territoria.services.harvest_records import find_record, free_slug
from territoria.services.metadata import create_dataset_metadata, edit_dataset


@dataclass(frozen=True)
class Step:
    """The slug a remote dataset has (or would get) and what a run does: created, updated
    (data or metadata may have changed) or unchanged (the remote's stamp is the same)."""

    slug: str
    action: str


def plan(session: Session, source: str, remote: RemoteDataset) -> Step:
    """What this run does with ``remote``, read from its record."""
    record = find_record(session, source, remote.remote_id)
    if record is None:
        return Step(free_slug(session, remote.slug or remote.remote_id), "created")
    dataset = repo.get_dataset(session, record.slug)
    if dataset is None:  # reserved by a run killed before its data came
        return Step(record.slug, "created")
    same = bool(remote.modified) and record.remote_modified == remote.modified
    if record.status == "done" and same:
        return Step(record.slug, "unchanged")
    return Step(record.slug, "updated")


def _same(dataset: Dataset, column: str, value: Any) -> bool:
    if column == "publisher":
        organisation = dataset.organisation
        if value is None or organisation is None:
            return value is None and organisation is None
        return bool(organisation.code == value.code and value.name in (None, organisation.name))
    return bool(getattr(dataset, column) == value)


def differing(dataset: Dataset, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The ``changes`` whose checked value differs from what ``dataset`` holds."""
    out = {}
    for key, value in changes.items():
        column = FIELDS[canonical_key(key)][0]
        if not _same(dataset, column, normalise_changes({key: value})[column]):
            out[key] = value
    return out


def apply_metadata(
    session: Session, slug: str, changes: Mapping[str, Any], actor: Actor, notes: list[str]
) -> bool:
    """Set the differing ``changes`` on ``slug`` (created with them if it has no data); a
    set refused whole (a reversed temporal coverage) is retried field by field, each refusal
    noted. Whether anything changed."""
    dataset = repo.get_dataset(session, slug)
    if dataset is None:
        create_dataset_metadata(session, slug, changes, actor)
        return True
    todo = differing(dataset, changes)
    if not todo:
        return False
    with contextlib.suppress(UserError):  # else field by field: one bad value keeps the rest
        edit_dataset(session, slug, todo, actor)
        return True
    changed = False
    for key, value in todo.items():
        try:
            edit_dataset(session, slug, {key: value}, actor)
            changed = True
        except UserError as error:
            notes.append(f"{key}: {error.message_fr} / {error.message_en}")
    return changed


def finish(session: Session, source: str, remote: RemoteDataset, sha256: str | None) -> None:
    """Close the record: the remote's stamp and the data's hash of this complete harvest."""
    record = find_record(session, source, remote.remote_id)
    if record is None:
        return
    record.status = "done"
    record.remote_modified = remote.modified
    record.data_sha256 = sha256
    session.commit()
