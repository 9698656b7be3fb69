"""Recompute installed packs' indicators from the latest versions of their datasets and store
the results (``indicateurs-<pack>``); run after every new version of a pack dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.errors import UserError
from territoria.indicators.computation import compute
from territoria.packs.pack import Pack
from territoria.packs.registry import get_pack
from territoria.services.indicator_store import store_results
from territoria.services.instance import open_instance
from territoria.services.packs import installed_packs
from territoria.services.tables import engine_connection


class PackNotInstalledError(UserError):
    """Computing a pack that no territory of this instance installed."""

    code = "pack-not-installed"
    http_status = 409


def compute_pack_indicators(settings: Settings, pack_id: str | None = None) -> dict[str, Any]:
    """Recompute ``pack_id`` (every installed pack when None); one report entry per pack."""
    installed = sorted({item["pack"] for item in installed_packs(settings)})
    if pack_id is not None:
        get_pack(pack_id)  # an unknown pack is a 404 naming the known ones
        if pack_id not in installed:
            raise PackNotInstalledError(
                f"le pack « {pack_id} » n'est pas installé sur cette instance",
                f"the pack '{pack_id}' is not installed on this instance",
                hint_fr=f"installez-le : territoria packs install {pack_id} --territory ID",
                hint_en=f"install it: territoria packs install {pack_id} --territory ID",
                details={"pack": pack_id},
            )
        installed = [pack_id]
    return {"packs": [_compute(settings, get_pack(item)) for item in installed]}


def _data_files(settings: Settings, pack: Pack) -> dict[str, tuple[Path, int]]:
    """Role → (Parquet of the latest version, its number), for the roles that have data."""
    instance = open_instance(settings)
    try:
        found: dict[str, tuple[Path, int]] = {}
        with instance.session() as session:
            for role in pack.datasets.values():
                version = repo.latest_version(session, role.slug)
                if version is not None:
                    found[role.role] = (instance.lake.data_file(version.lake_path), version.number)
        return found
    finally:
        instance.close()


def _compute(settings: Settings, pack: Pack) -> dict[str, Any]:
    files = _data_files(settings, pack)
    specs = [spec for spec in pack.indicators if spec.source in files]
    report: dict[str, Any] = {
        "pack": pack.id,
        "sources": {role: {"version": number} for role, (_, number) in files.items()},
        "waiting": sorted(set(pack.datasets) - set(files)),  # roles without data yet
        "indicators": [spec.id for spec in specs],
        "rows": 0,
        "version": None,
        "created": False,
        "issues": [],
    }
    if not specs:
        return report
    con = engine_connection(settings)
    try:
        sources: dict[str, str] = {}
        for number, (role, (path, _)) in enumerate(sorted(files.items())):
            view = f"pack_source_{number}"
            con.read_parquet(str(path)).create_view(view)
            sources[role] = view
        result = compute(con, specs, sources)
    finally:
        con.close()
    stored = store_results(settings, pack, result.table)
    report.update(
        rows=result.table.num_rows,
        version=stored.version.number if stored.version else None,
        created=stored.created,
        issues=[issue.as_dict() for issue in result.issues],
    )
    return report
