"""Arrow values as Opendatasoft's JSON values, on every ODS type (no server needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa

from territoria.api.explore_v21.serialise import records_json


@dataclass(frozen=True)
class Col:
    name: str
    type: str


def test_every_type_as_opendatasoft_writes_it() -> None:
    table = pa.table(
        {
            "d": pa.array([dt.date(2024, 3, 1), None]),
            "t": pa.array([dt.datetime(2024, 3, 1, 10, 30), None], pa.timestamp("us")),
            "x": pa.array([1.5, float("nan")]),
            "p": pa.array(["48.86, 2.35", None]),
            "s": pa.array(['{"type": "Point", "coordinates": [2.35, 48.86]}', None]),
            "b": pa.array([True, None]),
        }
    )
    columns = [
        Col("d", "date"),
        Col("t", "datetime"),
        Col("x", "double"),
        Col("p", "geo_point_2d"),
        Col("s", "geo_shape"),
        Col("b", "boolean"),
    ]
    first, second = records_json(table, columns, "Europe/Paris")
    assert first == {
        "d": "2024-03-01",
        "t": "2024-03-01T10:30:00+01:00",  # naive values are local to the zone asked
        "x": 1.5,
        "p": {"lon": 2.35, "lat": 48.86},
        "s": {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [2.35, 48.86]},
            "properties": {},
        },
        "b": True,
    }
    assert second == dict.fromkeys(first)  # NaN is null, as JSON has no NaN


def test_points_already_structs_pass_through() -> None:
    table = pa.table({"p": pa.array([{"lon": 2.0, "lat": 48.0}])})
    assert records_json(table, [Col("p", "geo_point_2d")]) == [{"p": {"lon": 2.0, "lat": 48.0}}]
