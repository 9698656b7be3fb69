"""Imported territory groups: import a file under a label, read a group, a territory's labels.

``import_group`` resolves the file's column (:mod:`~territoria.services.group_import`), stores
the group only if something resolved, and replaces the members of a group imported before
under the same label. Labels of a territory are its programmes' (bundled) and its groups'.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select

from territoria.catalog.slugs import SLUG_PATTERN
from territoria.catalog.territory_groups import TerritoryGroup, TerritoryGroupMember
from territoria.config import Settings
from territoria.errors import NotFoundError, UserError
from territoria.geo.geography import geography
from territoria.geo.labels import programme, programme_labels, programme_members
from territoria.indicators.peers import ImportedGroup, UnknownGroupError
from territoria.ingest.guards import check_exists
from territoria.services.group_import import read_group_file
from territoria.services.instance import Instance, open_instance

MAX_LISTED = 100


class InvalidLabelError(UserError):
    """A label that is not ``label:<programme>`` or ``group:<slug>`` (HTTP 400, exit 2)."""

    code = "invalid-label"


class EmptyGroupError(UserError):
    """A group file none of whose references resolved: nothing is stored (exit 2, HTTP 422)."""

    code = "empty-group"
    http_status = 422


def _unresolved(rows: list[int], resolutions: list[Any]) -> list[dict[str, Any]]:
    return [
        {"row": row, "value": r.input, "status": r.status, "candidates": list(r.candidates)}
        for row, r in zip(rows, resolutions, strict=True)
        if r.territory_id is None
    ]


def import_group(
    settings: Settings,
    path: Path,
    label: str,
    *,
    title: str | None = None,
    column: str | None = None,
) -> dict[str, Any]:
    """Store the territories of ``path`` as group ``label`` (a slug); the report lists the
    unresolved values with their rows (the first :data:`MAX_LISTED`, all counted)."""
    if not SLUG_PATTERN.fullmatch(label):
        raise UserError(
            f"libellé de groupe « {label[:120]} » invalide",
            f"invalid group label '{label[:120]}'",
            hint_fr="1 à 100 lettres minuscules, chiffres ou tirets (ex. : contrat-de-ville)",
            hint_en="1 to 100 lowercase letters, digits or hyphens (e.g. contrat-de-ville)",
            details={"label": label[:120]},
        )
    check_exists(path)
    geo = geography()
    found = read_group_file(path, settings, geo, column=column)
    members = sorted({r.territory_id for r in found.resolutions if r.territory_id})
    unresolved = _unresolved(found.rows, found.resolutions)
    report: dict[str, Any] = {
        "label": f"group:{label}",
        "title": title or label,
        "file": path.name,
        "column": found.column,
        "kinds": found.kinds,
        "values": len(found.resolutions),
        "blank": found.blank,
        "members": len(members),
        "unresolvedCount": len(unresolved),
        "unresolved": unresolved[:MAX_LISTED],
    }
    if not members:
        raise EmptyGroupError(
            f"aucune des {len(found.resolutions)} valeurs de « {found.column} » ne désigne "
            "un territoire : groupe non enregistré",
            f"none of the {len(found.resolutions)} values of '{found.column}' names a "
            "territory: group not stored",
            path=str(path),
            details=report,
        )
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            group = session.scalar(select(TerritoryGroup).where(TerritoryGroup.slug == label))
            report["replaced"] = group is not None
            if group is None:
                group = TerritoryGroup(slug=label, title=title or label, source_filename=path.name)
                session.add(group)
            else:
                if title is not None:
                    group.title = title
                group.source_filename = path.name
                group.members.clear()
                session.flush()
            group.members.extend(TerritoryGroupMember(territory_id=m) for m in members)
            report["title"] = group.title
            session.commit()
    finally:
        instance.close()
    return report


@contextmanager
def _opened(settings: Settings, instance: Instance | None) -> Iterator[Instance]:
    """``instance`` when the caller holds one open (a server), else one opened for this call."""
    if instance is not None:
        yield instance
        return
    opened = open_instance(settings)
    try:
        yield opened
    finally:
        opened.close()


def imported_group(
    settings: Settings, slug: str, instance: Instance | None = None
) -> ImportedGroup:
    """The group imported as ``slug`` (``UnknownGroupError``, a 404, if none)."""
    with _opened(settings, instance) as opened, opened.session() as session:
        group = session.scalar(select(TerritoryGroup).where(TerritoryGroup.slug == slug))
        if group is None:
            raise UnknownGroupError(
                f"groupe importé « {slug} » inconnu",
                f"unknown imported group '{slug}'",
                hint_fr="importez-le : territoria territories import-group FICHIER --label …",
                hint_en="import it: territoria territories import-group FILE --label …",
                details={"group": slug},
            )
        members = frozenset(m.territory_id for m in group.members)
        return ImportedGroup(group.slug, group.title, members)


def label_members(
    settings: Settings, label: str, instance: Instance | None = None
) -> frozenset[str]:
    """The territories carrying ``label``: ``label:pvd``, ``label:acv`` or ``group:<slug>``."""
    kind, _, slug = label.strip().partition(":")
    if kind == "label" and slug:
        return programme_members(programme(slug).slug).communes
    if kind == "group" and slug:
        return imported_group(settings, slug, instance).members
    raise InvalidLabelError(
        f"libellé « {label} » invalide : attendu label:pvd, label:acv ou group:<identifiant>",
        f"invalid label '{label}': expected label:pvd, label:acv or group:<slug>",
        details={"label": label},
    )


def _group_labels(instance: Instance, territory_id: str) -> list[dict[str, Any]]:
    query = (
        select(TerritoryGroup.slug, TerritoryGroup.title)
        .join(TerritoryGroupMember)
        .where(TerritoryGroupMember.territory_id == territory_id)
        .order_by(TerritoryGroup.slug)
    )
    with instance.session() as session:
        return [
            {"id": f"group:{slug}", "kind": "group", "title": {"fr": title, "en": title}}
            for slug, title in session.execute(query)
        ]


def territory_labels(
    territory_id: str, settings: Settings | None = None, instance: Instance | None = None
) -> list[dict[str, Any]]:
    """The labels ``territory_id`` carries: programmes, then the imported groups holding it
    (from ``instance``, else the instance of ``settings`` if one exists there)."""
    labels: list[dict[str, Any]] = [
        {"id": p.label, "kind": "programme", "title": {"fr": p.title_fr, "en": p.title_en}}
        for p in programme_labels(territory_id)
    ]
    if instance is not None:
        return labels + _group_labels(instance, territory_id)
    if settings is None:
        return labels
    try:
        opened = open_instance(settings)
    except NotFoundError:  # no instance here: the bundled programmes are all there is
        return labels
    try:
        return labels + _group_labels(opened, territory_id)
    finally:
        opened.close()
