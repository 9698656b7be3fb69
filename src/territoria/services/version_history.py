"""A dataset's history as the portal shows it: its versions newest first, each with its
validation report and what changed since the version before (the one diff service).

Every version read goes through the one visibility rule; a page shows a few versions so
that each diff (a scan of both versions' Parquet files) stays affordable, and a diff once
made is kept (versions are immutable).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog.models import Version
from territoria.config import Settings
from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.security.visibility import can_see_version, require_visible_dataset
from territoria.services.catalogue import version_dict
from territoria.services.diffing import diff_versions
from territoria.services.version_diff import VersionDiff

PER_PAGE = 5
KEPT_DIFFS = 256
_diffs: OrderedDict[tuple[str, ...], VersionDiff] = OrderedDict()
_lock = threading.Lock()


@dataclass
class VersionEntry:
    """One version: its summary (``version_dict``), its report, its diff from the previous
    visible version (None for the first; ``diff_error`` when it could not be made)."""

    summary: dict[str, Any]
    report: dict[str, Any] | None
    previous: int | None
    diff: VersionDiff | None = None
    diff_error: UserError | None = None


@dataclass
class History:
    """A page of a dataset's versions."""

    slug: str
    title: str
    total: int
    page: int
    pages: int
    versions: list[VersionEntry]


def version_history(
    session: Session, slug: str, actor: Actor, settings: Settings, page: int = 1
) -> History:
    """Page ``page`` (from 1, newest versions first) of the versions ``actor`` may see."""
    dataset = require_visible_dataset(session, slug, actor)
    visible = [v for v in dataset.versions if can_see_version(actor, dataset, v)]
    visible.sort(key=lambda v: v.number)
    pages = max(1, -(-len(visible) // PER_PAGE))
    page = min(max(1, page), pages)
    newest_first = list(reversed(visible))
    shown = newest_first[(page - 1) * PER_PAGE : page * PER_PAGE]
    previous = {v.number: p.number for p, v in pairwise(visible)}
    by_number = {v.number: v for v in visible}
    entries = []
    for version in shown:
        report = dict(version.report) if version.report else None
        if report is not None:  # the source's name, never the scratch folder it was read from
            tasks = report.get("tasks", [])
            report["tasks"] = [{**t, "place": version.source_filename} for t in tasks]
        entry = VersionEntry(version_dict(version), report, previous.get(version.number))
        if entry.previous is not None:
            before = by_number[entry.previous]
            try:
                entry.diff = _diff(settings, slug, before, version)
            except UserError as error:
                entry.diff_error = error
        entries.append(entry)
    return History(slug, dataset.title or slug, len(visible), page, pages, entries)


def _diff(settings: Settings, slug: str, before: Version, after: Version) -> VersionDiff:
    """The diff of two versions, kept once made: a version never changes, so the diff of
    the same two (same lake folders, same sources) is the same."""
    home = str(settings.home)
    key = (home, slug, before.lake_path, before.source_sha256, after.lake_path, after.source_sha256)
    with _lock:
        found = _diffs.get(key)
    if found is None:
        found = diff_versions(slug, before.number, after.number, settings)
        with _lock:
            _diffs[key] = found
            while len(_diffs) > KEPT_DIFFS:
                _diffs.popitem(last=False)
    return found
