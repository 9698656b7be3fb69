"""Geo functions of ODSQL through DuckDB spatial: distance, within_distance, in_bbox, intersects…

Geo points are stored as text (``lat,lon`` when ``latlon``, else ``lon,lat``, brackets
allowed), geo shapes as GeoJSON text; both become DuckDB GEOMETRY (x = lon, y = lat) here.
Distances are great-circle metres between the nearest points of the two geometries.
"""

from __future__ import annotations

from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.typed import GEO, NUMERIC, Scope, Typed, literal

_UNITS = {
    "m": 1.0, "km": 1000.0, "cm": 0.01, "mm": 0.001, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048,
}  # fmt: skip


def _fn(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def _coordinate(node: exp.Expression, index: int) -> exp.Expression:
    text = exp.Trim(this=node.copy(), expression=literal("[] "))
    part = exp.Trim(this=_fn("split_part", text, literal(","), literal(index)))
    return exp.TryCast(this=part, to=exp.DataType.build("DOUBLE"))


def lon_lat(value: Typed) -> tuple[exp.Expression, exp.Expression]:
    """The longitude and latitude of a stored geo point, as DOUBLE expressions."""
    latlon = value.field.latlon if value.field is not None else False
    first, second = _coordinate(value.node, 1), _coordinate(value.node, 2)
    return (second, first) if latlon else (first, second)


def geometry(value: Typed, scope: Scope) -> exp.Expression:
    """A geo value as a DuckDB GEOMETRY (NULL where the stored text is not one)."""
    expect(value, GEO, scope, "geo")
    if value.type == "geometry":
        return value.node
    if value.type == "geo_point_2d":
        return _fn("ST_Point", *lon_lat(value))
    return _fn("try", _fn("ST_GeomFromGeoJSON", value.node))


def point_struct(value: Typed) -> exp.Expression:
    """A stored geo point as ``{'lon': …, 'lat': …}``, the JSON shape Opendatasoft answers."""
    lon, lat = lon_lat(value)
    point = exp.Struct(
        expressions=[
            exp.PropertyEQ(this=exp.to_identifier("lon"), expression=lon),
            exp.PropertyEQ(this=exp.to_identifier("lat"), expression=lat),
        ]
    )
    missing = exp.Or(  # no point rather than {lon: null, lat: null} for an empty or bad cell
        this=exp.Is(this=lon.copy(), expression=exp.Null()),
        expression=exp.Is(this=lat.copy(), expression=exp.Null()),
    )
    return exp.Case(ifs=[exp.If(this=missing, true=exp.Null())], default=point)


def _metres(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    line = _fn("ST_ShortestLine", a, b)
    start = _fn("ST_FlipCoordinates", _fn("ST_StartPoint", line))
    end = _fn("ST_FlipCoordinates", _fn("ST_EndPoint", line.copy()))
    return _fn("ST_Distance_Sphere", start, end)


def _distance(args: list[Typed], scope: Scope) -> Typed:
    a, b = (geometry(arg, scope) for arg in args)
    return Typed(_metres(a, b), "double")


def _within_distance(args: list[Typed], scope: Scope) -> Typed:
    a, b = geometry(args[0], scope), geometry(args[1], scope)
    quantity = args[2]
    if quantity.type == "quantity":
        number, unit = quantity.value
        factor = _UNITS.get(unit.lower())
    elif quantity.type in NUMERIC and quantity.is_literal:
        number, factor = float(quantity.value), 1.0
    else:
        factor = None
    if factor is None:
        raise scope.error(
            "within_distance(geo, geom'…', distance) : distance comme 10km, 500m, 2mi",
            "within_distance(geo, geom'…', distance): distance such as 10km, 500m, 2mi",
            "within_distance",
        )
    node = exp.LTE(this=_metres(a, b), expression=literal(float(number) * factor))
    return Typed(exp.Coalesce(this=node, expressions=[exp.Boolean(this=False)]), "boolean")


def _in_bbox(args: list[Typed], scope: Scope) -> Typed:
    subject = geometry(args[0], scope)
    bounds: list[float] = []
    for arg in args[1:]:
        if arg.type not in NUMERIC or not arg.is_literal:
            raise scope.error(
                "in_bbox(geo, lat1, lon1, lat2, lon2) attend quatre nombres",
                "in_bbox(geo, lat1, lon1, lat2, lon2) expects four numbers",
                "in_bbox",
            )
        bounds.append(float(arg.value))
    lat1, lon1, lat2, lon2 = bounds
    box = _fn(
        "ST_MakeEnvelope",
        *(literal(v) for v in (min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2))),
    )
    node = exp.Coalesce(
        this=_fn("ST_Intersects", subject, box), expressions=[exp.Boolean(this=False)]
    )
    return Typed(node, "boolean")


def _relation(name: str) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        a, b = (geometry(arg, scope) for arg in args)
        node = exp.Coalesce(this=_fn(name, a, b), expressions=[exp.Boolean(this=False)])
        return Typed(node, "boolean")

    return Function((2, 2), build)


def _shape_aggregate(outline: str) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        shapes = geometry(args[0], scope)
        shape: exp.Expression
        if outline == "bbox":
            shape = exp.Cast(this=_fn("ST_Extent_Agg", shapes), to=exp.DataType.build("GEOMETRY"))
        else:
            shape = _fn("ST_ConvexHull", _fn("ST_Union_Agg", shapes))
        return Typed(_fn("ST_AsGeoJSON", shape), "geo_shape", aggregate=True)

    return Function((1, 1), build, aggregate=True)


FUNCTIONS = {
    "distance": Function((2, 2), _distance),
    "within_distance": Function((3, 3), _within_distance),
    "in_bbox": Function((5, 5), _in_bbox),
    "intersects": _relation("ST_Intersects"),
    "within": _relation("ST_Within"),
    "disjoint": _relation("ST_Disjoint"),
    "envelope": _shape_aggregate("envelope"),
    "bbox": _shape_aggregate("bbox"),
}
