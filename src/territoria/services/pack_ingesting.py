"""Ingest a raw publication into an installed pack's dataset: transform it to tidy rows with
the pack's mapping, store them through the one ingest service, recompute the pack."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select

from territoria.catalog.pack_installations import PackInstallation
from territoria.config import Settings
from territoria.errors import InvalidDataError
from territoria.ingest.table import ReadOptions
from territoria.packs.pack import DatasetRole
from territoria.packs.registry import role_for_slug
from territoria.packs.transform import TidyResult, transform
from territoria.services.committing import StaleVersionError
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.instance import open_instance
from territoria.services.pack_reading import read_raw
from territoria.services.pack_series import series_for
from territoria.services.validating import Progress, _silent

TURNS = 3  # tries to commit on top of the latest version while other ingests commit theirs


class UnresolvedTerritoriesError(InvalidDataError):
    """References that did not resolve, in a dataset whose pack requires them (exit 1, 422)."""

    code = "unresolved-territories"

    def __init__(self, role: DatasetRole, tidy: TidyResult) -> None:
        count = len(tidy.unresolved)
        super().__init__(
            f"{count} référence(s) de territoire non résolue(s) ; « {role.slug} » les exige",
            f"{count} territory reference(s) did not resolve; '{role.slug}' requires them",
            hint_fr="corrigez les codes listés dans le rapport",
            hint_en="fix the codes listed in the report",
            details={"transform": tidy.report()},
        )


def installed_role(settings: Settings, slug: str) -> DatasetRole | None:
    """The pack dataset role of ``slug`` when its pack is installed here, else None."""
    role = role_for_slug(slug)
    if role is None:
        return None
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            query = select(PackInstallation.id).where(PackInstallation.pack_id == role.pack_id)
            return role if session.scalar(query.limit(1)) is not None else None
    finally:
        instance.close()


def ingest_pack_file(
    path: Path,
    role: DatasetRole,
    *,
    org_code: str | None,
    quarantine: bool,
    options: ReadOptions,
    settings: Settings,
    title: str | None = None,
    visibility: str | None = None,
    progress: Progress = _silent,
    replace_series: bool = False,
) -> IngestResult:
    """A new version of ``role``'s dataset holding the tidy rows of ``path`` (plus the earlier
    periods it does not cover, unless ``replace_series``), then the pack's indicators
    recomputed. Unresolved territory references are stored with an empty ``territoire`` and
    listed in ``result.pack``, with the periods carried over, replaced or dropped.

    The carried rows come from the latest version and are committed only on top of it:
    should another ingest commit first, they are read again from its version (a few turns),
    so that neither file's periods are lost."""
    from territoria.services.indicator_computing import compute_pack_indicators

    progress("transformation / transforming")
    tidy = transform(role, read_raw(path, options, settings))
    if tidy.unresolved and any(
        m.territory.required for m in role.mappings if m.name == tidy.mapping
    ):
        raise UnresolvedTerritoriesError(role, tidy)
    store = {
        "org_code": org_code,
        "quarantine": quarantine,
        "title": title or role.title.fr,
        "visibility": visibility,
        "progress": progress,
    }
    for turn in range(1, TURNS + 1):
        series = series_for(settings, role, tidy.table, replace=replace_series)
        rows = pa.concat_tables([series.carried, tidy.table])
        try:
            result = _store(rows, path, role, series.based_on, settings, store)
            break
        except StaleVersionError:
            if turn == TURNS:
                raise
    report = tidy.report() | {"series": series.report}
    details: dict[str, Any] = {"pack": role.pack_id, "role": role.role, "transform": report}
    if result.created:
        progress("indicateurs / indicators")
        details["indicators"] = compute_pack_indicators(settings, role.pack_id)["packs"][0]
    result.pack = details
    return result


def _store(
    rows: pa.Table,
    path: Path,
    role: DatasetRole,
    based_on: int,
    settings: Settings,
    store: dict[str, Any],
) -> IngestResult:
    """The tidy ``rows`` as the version after ``based_on``, through the one ingest service."""
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.tmp_dir, prefix="pack-tidy-") as scratch:
        tidy_path = Path(scratch) / f"{path.stem}.parquet"
        pq.write_table(rows, tidy_path)
        return ingest_file(
            tidy_path,
            role.slug,
            schema_ref=role.tidy_schema,
            options=ReadOptions(format="parquet"),
            settings=settings,
            route=False,
            based_on=based_on,
            **store,
        )
