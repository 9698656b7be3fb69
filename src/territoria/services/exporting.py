"""Export one version of a dataset to CSV, Parquet, JSON, GeoJSON or XLSX (file or stream)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.errors import NotFoundError, UserError
from territoria.services.export_writers import WRITERS
from territoria.services.instance import open_instance
from territoria.services.tables import engine_connection

FORMATS = tuple(WRITERS)


def _check_format(fmt: str) -> str:
    name = fmt.strip().lower()
    if name not in WRITERS:
        raise UserError(
            f"format d'export inconnu : « {fmt} » (formats : {', '.join(FORMATS)})",
            f"unknown export format: '{fmt}' (formats: {', '.join(FORMATS)})",
            details={"formats": list(FORMATS)},
        )
    return name


def export_version(
    slug: str, fmt: str, number: int | None, out: Path | BinaryIO, settings: Settings
) -> int:
    """Write version ``number`` (latest when None) of ``slug`` as ``fmt`` to ``out``; returns
    the version number exported. The export is written whole in the instance's tmp folder,
    then moved to ``out``."""
    name = _check_format(fmt)
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            if number is None:
                version = repo.latest_version(session, slug)
                if version is None:
                    raise NotFoundError(
                        f"le jeu de données « {slug} » n'a encore aucune version",
                        f"dataset '{slug}' has no version yet",
                        details={"slug": slug},
                    )
            else:
                version = repo.require_version(session, slug, number)
        source = instance.lake.data_file(version.lake_path)
        with tempfile.TemporaryDirectory(dir=settings.tmp_dir, prefix="export-") as scratch:
            target = Path(scratch) / f"export.{name}"
            con = engine_connection(settings)
            try:
                WRITERS[name](con, source, target)
            finally:
                con.close()
            if isinstance(out, Path):
                shutil.move(target, out)
            else:
                with target.open("rb") as stream:
                    shutil.copyfileobj(stream, out)
                out.flush()
        return version.number
    finally:
        instance.close()
