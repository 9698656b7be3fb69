"""Packs' use cases: list and show the bundled packs, install one for a territory, list the
installed ones. Installing records the installation and creates the datasets to fill."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from territoria.catalog import repository as repo
from territoria.catalog.pack_installations import PackInstallation
from territoria.catalog.types import utcnow
from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.packs.pack import Pack
from territoria.packs.registry import get_pack, list_packs
from territoria.security.actor import Actor
from territoria.services.instance import Instance, open_instance
from territoria.services.metadata import WriteForbiddenError, create_dataset_metadata


def _summary(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title.model_dump(),
        "description": pack.description,
        "datasets": [
            {"role": d.role, "slug": d.slug, "schema": d.schema_name, "national": d.national}
            for d in pack.datasets.values()
        ],
        "indicators": [spec.id for spec in pack.indicators],
        "resultsDataset": pack.results_slug,
    }


def list_packs_info() -> list[dict[str, Any]]:
    """Every bundled pack, in short."""
    return [_summary(pack) for pack in list_packs()]


def show_pack(pack_id: str) -> dict[str, Any]:
    """One pack in full: datasets with their publication variants, indicators, dashboard,
    method documentation and the issues its specs raised."""
    pack = get_pack(pack_id)
    info = _summary(pack)
    info["datasets"] = [
        {
            **item,
            "title": role.title.model_dump(),
            "tidySchema": role.tidy_schema,
            "mappings": [
                {"name": m.name, "title": m.title, "match": m.match} for m in role.mappings
            ],
        }
        for item, role in zip(info["datasets"], pack.datasets.values(), strict=True)
    ]
    info["indicators"] = [
        {
            "id": spec.id,
            "title": spec.title.model_dump(),
            "unit": spec.unit.model_dump(),
            "kind": spec.kind,
            "source": spec.source,
            "level": spec.territory.level,
            "dimensions": list(spec.dimensions),
        }
        for spec in pack.indicators
    ]
    info["dashboard"] = pack.dashboard.model_dump()
    info["method"] = (
        pack.method_path.read_text(encoding="utf-8") if pack.method_path.exists() else ""
    )
    info["issues"] = [issue.as_dict() for issue in pack.issues]
    return info


def install_pack(
    settings: Settings, pack_id: str, territory_id: str, actor: Actor
) -> dict[str, Any]:
    """Install ``pack_id`` for ``territory_id``: the datasets to fill are created (metadata
    only, with the pack's schema) where they do not exist, and the installation recorded;
    installing again updates the version and date and creates nothing twice."""
    pack = get_pack(pack_id)
    territory = geography().get(territory_id)
    if not actor.is_admin:
        raise WriteForbiddenError(
            "Installer un pack est réservé à l'administrateur.",
            "Installing a pack is the administrator's.",
        )
    created: dict[str, bool] = {}
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            existing = {d.slug for d in pack.datasets.values() if repo.get_dataset(session, d.slug)}
    finally:
        instance.close()
    for role in pack.datasets.values():
        created[role.slug] = role.slug not in existing
        if created[role.slug]:
            changes = {
                "title": role.title.fr,
                "description": role.description,
                "themes": list(pack.themes),
                "keywords": list(pack.keywords),
                "spatial": [territory.id],
            }
            create_dataset_metadata(settings, role.slug, changes, actor)
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            for role in pack.datasets.values():
                repo.require_dataset(session, role.slug).schema_ref = role.schema_ref
            row = session.scalar(
                select(PackInstallation).where(
                    PackInstallation.pack_id == pack.id,
                    PackInstallation.territory_id == territory.id,
                )
            )
            if row is None:
                row = PackInstallation(pack_id=pack.id, territory_id=territory.id)
                session.add(row)
            row.version, row.installed_at = pack.version, utcnow()
            session.commit()
            installed_at = row.installed_at.isoformat()
    finally:
        instance.close()
    return {
        "pack": pack.id,
        "version": pack.version,
        "territory": territory.id,
        "installedAt": installed_at,
        "datasets": [
            {"role": r.role, "slug": r.slug, "created": created[r.slug]}
            for r in pack.datasets.values()
        ],
    }


def installed_packs(settings: Settings, instance: Instance | None = None) -> list[dict[str, Any]]:
    """The installations of this instance, by pack then territory (read through ``instance``
    when the caller holds one open, a server)."""
    opened = instance or open_instance(settings)
    try:
        with opened.session() as session:
            rows = session.scalars(
                select(PackInstallation).order_by(
                    PackInstallation.pack_id, PackInstallation.territory_id
                )
            )
            return [
                {
                    "pack": row.pack_id,
                    "version": row.version,
                    "territory": row.territory_id,
                    "installedAt": row.installed_at.isoformat(),
                }
                for row in rows
            ]
    finally:
        if instance is None:
            opened.close()
