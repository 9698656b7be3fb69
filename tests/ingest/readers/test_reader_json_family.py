"""JSON, JSON Lines and GeoJSON read into the contract: union of keys, typed nulls, JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.readers import jsonstream
from territoria.ingest.readers.geojson import read_geojson
from territoria.ingest.readers.json import read_json
from territoria.ingest.readers.jsonl import read_jsonl
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions, SourceTable

Scan = Callable[[SourceTable], list[tuple[Any, ...]]]
Reader = Callable[..., SourceTable]

RECORDS = [
    {"commune": "Évry", "population": 53000, "nested": {"a": [1, 2.50]}},
    {"commune": "", "population": None, "ok": True, "ratio": 1e5},
    {"commune": "Lyon"},
]
EXPECTED = [
    (2, 5, None, "Évry", "53000", '{"a":[1,2.50]}', None, None),
    (3, 5, None, "", None, None, "true", "1e5"),
    (4, 5, None, "Lyon", None, None, None, None),
]


def _text(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False).replace("2.5", "2.50").replace("100000.0", "1e5")


@pytest.mark.parametrize("wrapper", [None, "data", "records", "results"])
def test_json_records_and_wrappers(
    wrapper: str | None, tmp_path: Path, scratch: Path, scan: Scan
) -> None:
    body = _text(RECORDS)
    if wrapper:
        body = f'{{"total": 3, "meta": {{"x": [1]}}, "{wrapper}": {body}}}'
    path = tmp_path / "data.json"
    path.write_text(body, encoding="utf-8")
    table = read_json(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["commune", "population", "nested", "ok", "ratio"]
    assert scan(table) == EXPECTED


def test_json_rows_under_a_header_row(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = tmp_path / "rows.json"
    path.write_text('[["code", "nom"], ["75056", "Paris"], [69123, "Lyon", "extra"], ["13"]]')
    table = read_json(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["code", "nom"]
    assert table.detection.extra["jsonLayout"] == "rows"
    assert scan(table) == [
        (2, 2, None, "75056", "Paris"),
        (3, 3, ["extra"], "69123", "Lyon"),
        (4, 1, None, "13", None),
    ]


def test_json_streams_across_small_chunks(
    tmp_path: Path, scratch: Path, scan: Scan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", 5)
    path = tmp_path / "data.json"
    path.write_text('{"data": ' + _text(RECORDS) + "}", encoding="utf-8")
    table = read_json(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert scan(table) == EXPECTED


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('[{"a": 1},\n{"a": x}]', 2),
        ('[{"a": 1}] trailing', 1),
        ('{"total": 1}', None),
        ("[1, 2]", None),
        ("[]", None),
        ('[{"a": 1}, [1]]', None),
    ],
)
def test_json_refused(body: str, line: int | None, tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(body)
    with pytest.raises(UnreadableFileError) as caught:
        read_json(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert caught.value.line == line


def test_jsonl_records(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = tmp_path / "data.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    path.write_text(f"{lines[0]}\n\n{lines[1]}\n{lines[2]}\n".replace("100000.0", "1e5"))
    table = read_jsonl(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["commune", "population", "nested", "ok", "ratio"]
    rows = scan(table)
    assert [row[0] for row in rows] == [2, 4, 5]  # line number + 1; the blank line 2 skipped
    assert rows[0][3:6] == ("Évry", "53000", '{"a":[1,2.5]}')
    assert rows[1][3:] == ("", None, None, "true", "1e5")


@pytest.mark.parametrize(
    ("body", "line"),
    [('{"a": 1}\n{"a": 2\n', 2), ('{"a": 1}\n\n[1]\n', 3), ('{"a": 1}\n\xff\n', 2)],
)
def test_jsonl_bad_line_named(body: str, line: int, tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(body.encode("latin-1"))
    with pytest.raises(UnreadableFileError) as caught:
        read_jsonl(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert caught.value.line == line
    assert f"line {line}" in str(caught.value)


def test_jsonl_line_too_long(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"a": 1}\n{"a": "' + "x" * 2000 + '"}\n')
    with pytest.raises(UnreadableFileError) as caught:
        read_jsonl(
            path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits(max_line_bytes=1000)
        )
    assert caught.value.line == 2


FEATURES = {
    "type": "FeatureCollection",
    "name": "communes",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": "75056", "nom": "Paris"},
            "geometry": {"type": "Point", "coordinates": [2.3522, 48.8566]},
        },
        {
            "type": "Feature",
            "properties": {"nom": "Évry", "population": 53000},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        },
        {"type": "Feature", "properties": None, "geometry": None},
    ],
}


def test_geojson_feature_collection(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = tmp_path / "communes.geojson"
    path.write_text(json.dumps(FEATURES, ensure_ascii=False))
    table = read_geojson(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["code", "nom", "population", "geometry"]
    assert table.detection.extra == {
        "geometryColumn": "geometry",
        "geometryTypes": ["Point", "Polygon"],
    }
    assert scan(table) == [
        (2, 4, None, "75056", "Paris", None, '{"type":"Point","coordinates":[2.3522,48.8566]}'),
        (
            3,
            4,
            None,
            None,
            "Évry",
            "53000",
            '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}',
        ),
        (4, 4, None, None, None, None, None),
    ]


def test_geojson_single_feature(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(FEATURES["features"][0]))  # type: ignore[index]
    table = read_geojson(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["code", "nom", "geometry"]
    assert [row[3:5] for row in scan(table)] == [("75056", "Paris")]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([1, 2], "objet"),
        ({"type": "Topology", "objects": {}}, "Topology"),
        (
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]},
            "geometry",
        ),
        ({"type": "FeatureCollection", "features": [{"a": 1}]}, "Feature"),
    ],
)
def test_geojson_refused(document: Any, message: str, tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(document))
    with pytest.raises(UnreadableFileError, match=message):
        read_geojson(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
