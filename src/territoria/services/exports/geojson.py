"""GeoJSON: a FeatureCollection, the geo field as each feature's geometry, the rest properties.

The geometry is the result's ``geo_shape`` field (its GeoJSON), else its ``geo_point_2d``
(a Point ``[lon, lat]``), as Opendatasoft exports them. The field's type comes from the
version's schema, never from the rows: a result without rows (a ``where`` matching nothing,
a version of no row, a column of empty cells) whose fields hold a geometry is an empty
collection, 200 as on Opendatasoft, and one whose fields hold none is refused, rows or not.
Only a result described by no field at all (a bare Parquet file, exported without its
version's schema) is guessed: the column named as a geometry (``geometry``, ``geom``…),
else the first text column whose first cells are all GeoJSON; without rows nothing tells,
and it is refused. A cell holding no geometry gives ``"geometry": null`` (RFC 7946).
"""

from __future__ import annotations

from collections.abc import Iterator

from territoria.schemas.model import Field
from territoria.schemas.types import INVALID, parse_cell
from territoria.services.export_columns import ExportColumn
from territoria.services.export_options import ExportNotPossibleError
from territoria.services.export_plan import ExportPlan
from territoria.services.exports.records import object_sql

GEOMETRY_NAMES = ("geometry", "geom", "geometrie", "the_geom")
GEOMETRY_SAMPLE = 100  # cells of a text column read to tell whether it holds GeoJSON


def _holds_geojson(plan: ExportPlan, column: ExportColumn) -> bool:
    ref = column.ref
    cells = plan.con.execute(
        plan.select([ref]) + f" WHERE {ref} IS NOT NULL LIMIT {GEOMETRY_SAMPLE}"
    ).fetchall()
    field = Field(column.name, "geojson")
    return bool(cells) and all(parse_cell(str(c[0]), field) is not INVALID for c in cells)


def geometry_column(plan: ExportPlan) -> ExportColumn:
    """The column the features take their geometry from, or a 400-class refusal: the typed
    geo field when the result has fields, a guess from names and cells only when it has none."""
    columns = plan.columns
    for kind in ("geo_shape", "geo_point"):
        found = next((c for c in columns if c.kind == kind), None)
        if found is not None:
            return found
    if not any(c.field for c in columns):
        named = next((c for c in columns if c.name.lower() in GEOMETRY_NAMES), None)
        texts = (c for c in columns if c.sql_type.upper() == "VARCHAR")
        found = named or next((c for c in texts if _holds_geojson(plan, c)), None)
        if found is not None:
            return found
    raise ExportNotPossibleError(
        "ce résultat n'a pas de champ géographique (geo_point_2d ou geo_shape) : "
        "export GeoJSON impossible — pas de colonne de géométrie",
        "this result has no geo field (geo_point_2d or geo_shape): GeoJSON export is not "
        "possible — no geometry column",
        hint_fr="exportez en CSV, JSON, Parquet ou XLSX, ou sélectionnez le champ géographique",
        hint_en="export as CSV, JSON, Parquet or XLSX, or select the geo field",
        details={"columns": [c.name for c in columns]},
    )


def write_geojson(plan: ExportPlan) -> Iterator[bytes]:
    """``{"type": "FeatureCollection", "features": [...]}``, a batch of features per chunk."""
    geometry = geometry_column(plan)
    others = [c for c in plan.columns if c is not geometry]
    feature = (
        """concat('{"type": "Feature", "geometry": ', """
        f"coalesce({geometry.geometry()}, 'null'), "
        f"""', "properties": ', {object_sql(plan, others)}, '}}')"""
    )

    batches = plan.rows(feature)

    def chunks() -> Iterator[bytes]:
        yield b'{"type": "FeatureCollection", "features": ['
        first = True
        for batch in batches:
            if batch:
                yield (("\n" if first else ",\n") + ",\n".join(batch)).encode()
                first = False
        yield b"]}\n" if first else b"\n]}\n"

    return chunks()
