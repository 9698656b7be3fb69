"""Read one pack folder: ``pack.yaml``, its schemas, ``indicators/*.yaml``, ``dashboard.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from territoria.errors import UserError
from territoria.indicators.loader import load_specs
from territoria.packs.dashboard import Dashboard
from territoria.packs.manifest import PackManifest
from territoria.packs.pack import DatasetRole, Pack


class InvalidPackError(UserError):
    """A pack folder whose manifest or dashboard does not load (a pack author's mistake)."""

    code = "invalid-pack"


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: 10× faster


def _yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidPackError(
            f"pack illisible : {path} ({exc})", f"unreadable pack file: {path} ({exc})"
        ) from exc


def _model(model: type[PackManifest] | type[Dashboard], path: Path) -> Any:
    try:
        return model.model_validate(_yaml(path) or {})
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise InvalidPackError(
            f"{path} invalide : {where}", f"{path} is invalid: {where}", details={"file": str(path)}
        ) from exc


def load_manifest(folder: Path) -> PackManifest:
    """The manifest of the pack in ``folder`` alone (no schemas, no indicators)."""
    manifest: PackManifest = _model(PackManifest, folder / "pack.yaml")
    return manifest


def load_pack(folder: Path) -> Pack:
    """The pack in ``folder``; its indicators with ERROR issues are left out (the issues are
    kept on the pack, so ``packs show`` and the tests see them)."""
    manifest = load_manifest(folder)
    dashboard_file = folder / "dashboard.yaml"
    dashboard = _model(Dashboard, dashboard_file) if dashboard_file.exists() else Dashboard()
    loaded = load_specs([folder / "indicators"])
    pack = Pack(
        id=manifest.id,
        version=manifest.version,
        title=manifest.title,
        description=manifest.description,
        themes=tuple(manifest.themes),
        keywords=tuple(manifest.keywords),
        datasets={
            role: DatasetRole.of(manifest.id, role, spec, folder)
            for role, spec in manifest.datasets.items()
        },
        indicators=loaded.specs,
        dashboard=dashboard,
        folder=folder,
        issues=loaded.issues,
    )
    return _checked(pack)


def _checked(pack: Pack) -> Pack:
    """The pack with its rules' issues. An indicator with an ERROR is left out (as the spec
    loader does) before the next rule runs, so the dashboard's rule sees the indicators that
    loaded; the other issues are kept for ``packs show`` and the tests."""
    from dataclasses import replace

    from territoria.packs.rules import RULES, PackContext

    context = PackContext(pack.folder)
    for rule in RULES:
        found = list(rule.check(pack, context))
        if not found:
            continue
        failed = {i.file for i in found if i.level == "ERROR"}
        kept = [
            spec
            for spec in pack.indicators
            if str(pack.folder / "indicators" / f"{spec.name}.yaml") not in failed
        ]
        pack = replace(pack, indicators=kept, issues=[*pack.issues, *found])
    return pack
