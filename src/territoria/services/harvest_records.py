"""The harvest's memory in the catalogue: which dataset here a remote dataset became, slugs
reserved before any data comes, so a re-run (after a kill too) never duplicates."""

from __future__ import annotations

import re
import threading

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.models import HarvestRecord
from territoria.catalog.slugs import slug_from_filename

_RESERVING = threading.Lock()  # two threads of one run never pick the same free slug
_TAIL = re.compile(r"-+$")


def find_record(session: Session, source: str, remote_id: str) -> HarvestRecord | None:
    """The record of ``remote_id`` from ``source``, if it was ever harvested."""
    query = select(HarvestRecord).where(
        HarvestRecord.source == source, HarvestRecord.remote_id == remote_id
    )
    return session.scalars(query).first()


def _taken(session: Session, slug: str) -> bool:
    if repo.get_dataset(session, slug) is not None:
        return True
    query = select(HarvestRecord.id).where(HarvestRecord.slug == slug)
    return session.scalars(query).first() is not None


def base_slug(remote_id: str) -> str:
    """The slug a remote id gives (``Arbres remarquables`` → ``arbres-remarquables``)."""
    return slug_from_filename(remote_id.replace(".", "-") + ".x")[:90] or "jeu"


def free_slug(session: Session, remote_id: str) -> str:
    """The remote id's slug, or with ``-2``, ``-3``… when a dataset or record holds it."""
    base = _TAIL.sub("", base_slug(remote_id))
    slug, number = base, 1
    while _taken(session, slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def reserve(
    session: Session, source: str, kind: str, remote_id: str, name: str | None = None
) -> HarvestRecord:
    """A pending record holding a free slug for ``remote_id`` (from ``name``, the remote's
    own slug, when it has one), committed at once."""
    with _RESERVING:
        record = find_record(session, source, remote_id)
        if record is not None:
            return record
        record = HarvestRecord(
            source=source,
            kind=kind,
            remote_id=remote_id,
            slug=free_slug(session, name or remote_id),
            status="pending",
        )
        session.add(record)
        try:
            session.commit()
        except IntegrityError:  # another process reserved it meanwhile: take its record
            session.rollback()
            found = find_record(session, source, remote_id)
            if found is None:
                raise
            return found
        return record
