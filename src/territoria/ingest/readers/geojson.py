"""Read GeoJSON (a FeatureCollection or one Feature): properties as columns, geometry as GeoJSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.geometry import geometry_problem
from territoria.ingest.readers.jsonstream import JsonStream
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.records import (
    KeyUnion,
    json_text,
    record_cells,
    text_encoding,
    utf8_errors,
)
from territoria.ingest.readers.spilled import forced_options, spilled_table
from territoria.ingest.table import Detection, RawRow, ReadOptions, SourceTable

GEOMETRY_COLUMN = "geometry"


def _invalid(path: Path, fr: str, en: str, line: int | None = None) -> UnreadableFileError:
    return UnreadableFileError(
        f"GeoJSON invalide : {fr}.",
        f"Invalid GeoJSON: {en}.",
        path=str(path),
        line=line,
        hint_fr='Attendu : {"type": "FeatureCollection", "features": [{"type": '
        '"Feature", "geometry": …, "properties": {…}}, …]} (RFC 7946).',
        hint_en='Expected: {"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": …, "properties": {…}}, …]} (RFC 7946).',
    )


def _features(path: Path, codec: str) -> Iterator[tuple[int, Any]]:
    """(line, feature) for the features of the collection (or the single feature), decoded
    one at a time."""
    top: dict[str, Any] = {}
    has_features = False
    with path.open(encoding=codec, newline="") as handle, utf8_errors(path, codec):
        stream = JsonStream(handle, str(path))
        if stream.peek() != "{":
            raise _invalid(path, "le document n’est pas un objet", "the document is not an object")
        stream.expect("{")
        for key in stream.members():
            if key == "features" and stream.peek() == "[":
                stream.expect("[")
                has_features = True
                for feature in stream.items():
                    yield stream.value_line, feature
            else:
                top[key] = stream.value()
        stream.at_end()
    kind = top.get("type")
    if kind == "Feature" and not has_features:
        yield 1, top
    elif kind != "FeatureCollection" or not has_features:
        raise _invalid(
            path,
            f"type « {kind} » sans liste « features »",
            f"type '{kind}' without a 'features' list",
        )


def _checked(
    path: Path, number: int, feature: Any, line: int | None = None
) -> tuple[dict[str, Any], Any]:
    """(properties, geometry) of a feature, refusing what is not a GeoJSON Feature; with the
    feature's ``line``, its geometry is checked too (once, in the first pass)."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _invalid(
            path, f"l’élément n° {number} n’est pas un Feature", f"item #{number} is not a Feature"
        )
    if "geometry" not in feature:
        raise _invalid(
            path,
            f"le Feature n° {number} n’a pas de membre « geometry »",
            f"Feature #{number} has no 'geometry' member",
        )
    geometry, properties = feature["geometry"], feature.get("properties") or {}
    if geometry is not None and not (
        isinstance(geometry, dict) and isinstance(geometry.get("type"), str)
    ):
        raise _invalid(
            path,
            f"la géométrie du Feature n° {number} n’a pas de type",
            f"Feature #{number}'s geometry has no type",
        )
    problem = None if geometry is None or line is None else geometry_problem(geometry)
    if problem is not None:
        raise _invalid(
            path,
            f"la géométrie du Feature n° {number} n’est pas conforme à la RFC 7946 : {problem[0]}",
            f"Feature #{number}'s geometry does not follow RFC 7946: {problem[1]}",
            line,
        )
    if not isinstance(properties, dict):
        raise _invalid(
            path,
            f"les propriétés du Feature n° {number} ne sont pas un objet",
            f"Feature #{number}'s properties are not an object",
        )
    return properties, geometry


def _header(path: Path, codec: str) -> tuple[list[str], list[str]]:
    """First pass: the property names and the geometry types met, in first-seen order."""
    keys = KeyUnion()
    types: dict[str, None] = {}
    for number, (line, feature) in enumerate(_features(path, codec), start=1):
        properties, geometry = _checked(path, number, feature, line)
        keys.add(properties)
        if geometry is not None:
            types.setdefault(geometry["type"])
    return keys.labels, list(types)


def _rows(path: Path, codec: str, labels: list[str]) -> Iterator[RawRow]:
    """Second pass: feature i (from 0) is row i + 2, its geometry in the last cell."""
    for index, (_, feature) in enumerate(_features(path, codec)):
        properties, geometry = _checked(path, index + 1, feature)
        cells = record_cells(properties, labels)
        cells.append(None if geometry is None else json_text(geometry))
        yield index + 2, cells


def read_geojson(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a GeoJSON file as a table with one row per feature."""
    encoding, codec, bom = text_encoding(path, options.encoding)
    labels, types = _header(path, codec)
    geometry_column = GEOMETRY_COLUMN
    while geometry_column in labels:  # a property already has the name
        geometry_column = f"_{geometry_column}"
    detection = Detection(
        format="geojson",
        encoding=encoding,
        bom=bom,
        forced=forced_options(options),
        extra={"geometryColumn": geometry_column, "geometryTypes": types},
    )
    rows = _rows(path, codec, labels)
    return spilled_table(path, [*labels, geometry_column], detection, rows, scratch_dir)
