# ruff: noqa: E501 — a table of queries and their SQL reads best one case per line
"""ODSQL conformance: each construct on real data equals the same query hand-written in DuckDB SQL."""

from __future__ import annotations

import datetime as dt
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from odsql_catalogue import Catalogue

from territoria.query.request import RecordsRequest as R

PARIS_POINT = "geom'POINT(2.3348 48.8859)'"
POINT_SQL = "ST_Point(CAST(split_part(geo_point_2d, ',', 2) AS DOUBLE), CAST(split_part(geo_point_2d, ',', 1) AS DOUBLE))"
METRES = f"ST_Distance_Sphere(ST_FlipCoordinates({POINT_SQL}), ST_Point(48.8859, 2.3348))"

# (dataset, request, hand-written SQL, ordered?)
CASES: list[tuple[str, R, str, bool]] = [
    (
        "subventions",
        R(select="nombeneficiaire, montant", where=("montant > 1000",)),
        "SELECT nomBeneficiaire, montant FROM v_subventions WHERE montant > 1000",
        False,
    ),
    (
        "subventions",
        R(
            select="nombeneficiaire as who, montant * 2 + 1 as x",
            where=("montant >= 500 and montant < 3000",),
        ),
        "SELECT nomBeneficiaire, montant * 2 + 1 FROM v_subventions WHERE montant >= 500 AND montant < 3000",
        False,
    ),
    (
        "subventions",
        R(select="montant", where=("montant in [500..2400]",)),
        "SELECT montant FROM v_subventions WHERE montant BETWEEN 500 AND 2400",
        False,
    ),
    (
        "subventions",
        R(select="montant", where=("montant in ]500..2400[",)),
        "SELECT montant FROM v_subventions WHERE montant > 500 AND montant < 2400",
        False,
    ),
    (
        "subventions",
        R(select="montant", where=("montant in ]500..2400]",)),
        "SELECT montant FROM v_subventions WHERE montant > 500 AND montant <= 2400",
        False,
    ),
    (
        "subventions",
        R(
            select="dateconvention",
            where=("dateconvention in [date'2017-04-01'..date'2017-06-30']",),
        ),
        "SELECT dateConvention FROM v_subventions WHERE dateConvention BETWEEN DATE '2017-04-01' AND DATE '2017-06-30'",
        False,
    ),
    (
        "subventions",
        R(select="dateconvention", where=("dateconvention >= '2017-05-01'",)),
        "SELECT dateConvention FROM v_subventions WHERE dateConvention >= DATE '2017-05-01'",
        False,
    ),
    (
        "subventions",
        R(select="nature", where=("nature in ('Aide en numéraire', 'Aide en nature')",)),
        "SELECT nature FROM v_subventions WHERE nature IN ('Aide en numéraire', 'Aide en nature')",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("nombeneficiaire like 'CLUB roques'",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE nomBeneficiaire ILIKE '%club%' "
        "AND nomBeneficiaire ILIKE '%roques%'",
        False,
    ),
    (
        "subventions",
        R(select="idrae", where=("idrae is null",)),
        "SELECT idRAE FROM v_subventions WHERE idRAE IS NULL",
        False,
    ),
    (
        "subventions",
        R(select="objet", where=("objet is not null and not (montant < 1000 or montant > 5000)",)),
        "SELECT objet FROM v_subventions WHERE objet IS NOT NULL AND NOT (montant < 1000 OR montant > 5000)",
        False,
    ),
    (
        "subventions",
        R(select="notificationue", where=("notificationue is false",)),
        "SELECT notificationUE FROM v_subventions WHERE notificationUE IS FALSE",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=('"tennis"',)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE "
        "EXISTS (SELECT 1 FROM (SELECT unnest([nomAttribuant, idAttribuant, referenceDecision, nomBeneficiaire, "
        "idBeneficiaire, objet, nature, conditionsVersement, datesPeriodeVersement, idRAE]) AS t) "
        "WHERE contains(lower(strip_accents(t)), 'tennis'))",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("search(nombeneficiaire, 'CLUB roques')",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE contains(lower(nomBeneficiaire), 'club') "
        "AND contains(lower(nomBeneficiaire), 'roques')",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("startswith(nombeneficiaire, 'TENNIS RO')",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE starts_with(nomBeneficiaire, 'TENNIS RO')",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("suggest(nombeneficiaire, objet, 'oly')",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE regexp_matches(lower(nomBeneficiaire), '(^|[^a-z0-9])oly') "
        "OR regexp_matches(lower(objet), '(^|[^a-z0-9])oly')",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=('search(`nombeneficiaire`, "\\u0043LUB")',)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE contains(lower(nomBeneficiaire), 'club')",
        False,
    ),
    (
        "subventions",
        R(select="montant", where=("montant > 1000", "nature = 'Aide en numéraire'")),
        "SELECT montant FROM v_subventions WHERE montant > 1000 AND nature = 'Aide en numéraire'",
        False,
    ),
    (
        "subventions",
        R(select="length(objet), lower(nature), upper(objet)", where=("objet is not null",)),
        "SELECT length(objet), lower(nature), upper(objet) FROM v_subventions WHERE objet IS NOT NULL",
        False,
    ),
    (
        "subventions",
        R(select="quarter(dateconvention)"),
        "SELECT quarter(dateConvention) FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="year(dateconvention), month(dateconvention), day(dateconvention)"),
        "SELECT year(dateConvention), month(dateConvention), day(dateConvention) FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="date_format(dateconvention, 'dd/MM/yyyy')"),
        "SELECT strftime(dateConvention, '%d/%m/%Y') FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="ifnull(idrae, 'aucun')"),
        "SELECT coalesce(idRAE, 'aucun') FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(
            select="nombeneficiaire, montant",
            order_by="montant desc, nombeneficiaire",
            limit=5,
            offset=2,
        ),
        "SELECT nomBeneficiaire, montant FROM v_subventions ORDER BY montant DESC NULLS LAST, nomBeneficiaire NULLS LAST LIMIT 5 OFFSET 2",
        True,
    ),
    (
        "subventions",
        R(
            select="count(*), count(idrae), count(distinct nature), sum(montant), avg(montant), min(montant), max(montant), median(montant), percentile(montant, 90)"
        ),
        "SELECT count(*), count(idRAE), count(DISTINCT nature), sum(montant), avg(montant), min(montant), max(montant), median(montant), quantile_cont(montant, 0.9) FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="nature, sum(montant) as total", group_by="nature", order_by="total desc"),
        "SELECT nature, sum(montant) AS total FROM v_subventions GROUP BY nature ORDER BY total DESC NULLS LAST",
        True,
    ),
    (
        "subventions",
        R(
            select="count(*)",
            group_by="nomattribuant as a, year(dateconvention) as y",
            order_by="a, y",
        ),
        "SELECT nomAttribuant, year(dateConvention), count(*) FROM v_subventions GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST",
        True,
    ),
    (
        "subventions",
        R(
            select="count(*)",
            group_by="date_format(dateconvention, 'yyyy-MM')",
            order_by="count(*) desc, date_format(dateconvention, 'yyyy-MM')",
        ),
        "SELECT strftime(dateConvention, '%Y-%m') k, count(*) c FROM v_subventions GROUP BY k ORDER BY c DESC, k",
        True,
    ),
    (
        "subventions",
        R(select="count(*)", group_by="range(montant, 1000)", order_by="range(montant, 1000)"),
        "SELECT '[' || CAST(CAST(k AS BIGINT) AS VARCHAR) || ', ' || CAST(CAST(k + 1000 AS BIGINT) AS VARCHAR) || '[', n "
        "FROM (SELECT floor(montant / 1000) * 1000 k, count(*) n FROM v_subventions GROUP BY k) ORDER BY k NULLS LAST",
        True,
    ),
    (
        "subventions",
        R(select="count(*) as n", group_by="range(montant, *, 1000, 5000, *) as r", order_by="r"),
        "SELECT CASE WHEN montant < 1000 THEN '[*, 1000[' WHEN montant >= 1000 AND montant < 5000 THEN '[1000, 5000[' "
        "WHEN montant >= 5000 THEN '[5000, *[' END r, count(*) FROM v_subventions WHERE montant IS NOT NULL GROUP BY r "
        "ORDER BY min(montant)",
        True,
    ),
    (
        "subventions",
        R(select="count(*) as n", group_by="range(montant, 1000, 5000) as r"),
        "SELECT '[1000, 5000[', count(*) FROM v_subventions WHERE montant >= 1000 AND montant < 5000",
        False,
    ),
    (
        "subventions",
        R(select="count(*) as n", group_by="range(dateconvention, 1 month) as m", order_by="m"),
        "SELECT '[' || strftime(m, '%Y-%m-%dT%H:%M:%S.000Z') || ', ' || strftime(m + INTERVAL 1 MONTH, '%Y-%m-%dT%H:%M:%S.000Z') || '[', n "
        "FROM (SELECT time_bucket(INTERVAL 1 MONTH, dateConvention)::TIMESTAMP m, count(*) n FROM v_subventions GROUP BY m) ORDER BY m NULLS LAST",
        True,
    ),
    (
        "subventions",
        R(
            select="montant",
            refine=("nature:Aide en numéraire",),
            exclude=("nomattribuant:COMMUNE DE ROQUES",),
        ),
        "SELECT montant FROM v_subventions WHERE nature = 'Aide en numéraire' AND NOT coalesce(nomAttribuant = 'COMMUNE DE ROQUES', false)",
        False,
    ),
    (
        "subventions",
        R(select="dateconvention", refine=("dateconvention:2017",)),
        "SELECT dateConvention FROM v_subventions WHERE year(dateConvention) = 2017",
        False,
    ),
    (
        "subventions",
        R(select="dateconvention", refine=("dateconvention:2017/04",)),
        "SELECT dateConvention FROM v_subventions WHERE strftime(dateConvention, '%Y-%m') = '2017-04'",
        False,
    ),
    (
        "subventions",
        R(select="dateconvention", refine=("dateconvention:2017/04/13",)),
        "SELECT dateConvention FROM v_subventions WHERE dateConvention = DATE '2017-04-13'",
        False,
    ),
    (
        "subventions",
        R(select="exclude(objet, id*)"),
        "SELECT * EXCLUDE (objet, idAttribuant, idBeneficiaire, idRAE) FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="include(nom*), montant"),
        "SELECT nomAttribuant, nomBeneficiaire, montant FROM v_subventions",
        False,
    ),
    (
        "subventions",
        R(select="`montant`", where=("`montant` = 2400",)),
        "SELECT montant FROM v_subventions WHERE montant = 2400",
        False,
    ),
    (
        "fontaines",
        R(select="identifiant", where=("disponibilite",)),
        'SELECT Identifiant FROM v_fontaines WHERE "Disponibilité"',
        False,
    ),
    (
        "fontaines",
        R(
            select="identifiant",
            where=("disponibilite = false and type_objet != 'BORNE_FONTAINE'",),
        ),
        'SELECT Identifiant FROM v_fontaines WHERE NOT "Disponibilité" AND "Type Objet" <> \'BORNE_FONTAINE\'',
        False,
    ),
    (
        "fontaines",
        R(select="identifiant, geo_point_2d", limit=3, order_by="identifiant"),
        "SELECT Identifiant, {'lon': CAST(split_part(geo_point_2d, ',', 2) AS DOUBLE), 'lat': CAST(split_part(geo_point_2d, ',', 1) AS DOUBLE)} "
        "FROM v_fontaines ORDER BY Identifiant LIMIT 3",
        True,
    ),
    (
        "fontaines",
        R(select="identifiant", where=(f"within_distance(geo_point_2d, {PARIS_POINT}, 1km)",)),
        f"SELECT Identifiant FROM v_fontaines WHERE {METRES} <= 1000",
        False,
    ),
    (
        "fontaines",
        R(select=f"identifiant, distance(geo_point_2d, {PARIS_POINT}) as d", order_by="d", limit=5),
        f"SELECT Identifiant, {METRES} d FROM v_fontaines ORDER BY d LIMIT 5",
        True,
    ),
    (
        "fontaines",
        R(select="identifiant", where=("in_bbox(geo_point_2d, 48.85, 2.33, 48.87, 2.36)",)),
        "SELECT Identifiant FROM v_fontaines WHERE CAST(split_part(geo_point_2d, ',', 1) AS DOUBLE) BETWEEN 48.85 AND 48.87 "
        "AND CAST(split_part(geo_point_2d, ',', 2) AS DOUBLE) BETWEEN 2.33 AND 2.36",
        False,
    ),
    (
        "fontaines",
        R(
            select="identifiant",
            where=(
                "intersects(geo_shape, geom'POLYGON((2.33 48.85, 2.36 48.85, 2.36 48.87, 2.33 48.87, 2.33 48.85))')",
            ),
        ),
        "SELECT Identifiant FROM v_fontaines WHERE ST_Intersects(ST_GeomFromGeoJSON(geo_shape), "
        "ST_GeomFromText('POLYGON((2.33 48.85, 2.36 48.85, 2.36 48.87, 2.33 48.87, 2.33 48.85))'))",
        False,
    ),
    (
        "fontaines",
        R(
            select="identifiant",
            where=(
                'within(geo_point_2d, geom\'{"type": "Polygon", "coordinates": [[[2.33, 48.85], [2.36, 48.85], [2.36, 48.87], [2.33, 48.87], [2.33, 48.85]]]}\')',
            ),
        ),
        f"SELECT Identifiant FROM v_fontaines WHERE ST_Within({POINT_SQL}, ST_MakeEnvelope(2.33, 48.85, 2.36, 48.87))",
        False,
    ),
    (
        "fontaines",
        R(
            select="identifiant",
            where=(
                "disjoint(geo_point_2d, geom'POLYGON((2.33 48.85, 2.36 48.85, 2.36 48.87, 2.33 48.87, 2.33 48.85))')",
            ),
        ),
        f"SELECT Identifiant FROM v_fontaines WHERE NOT ST_Intersects({POINT_SQL}, ST_MakeEnvelope(2.33, 48.85, 2.36, 48.87))",
        False,
    ),
    (
        "fontaines",
        R(select="bbox(geo_point_2d) as b"),
        f"SELECT ST_AsGeoJSON(ST_Extent_Agg({POINT_SQL})::GEOMETRY) FROM v_fontaines",
        False,
    ),
    (
        "fontaines",
        R(select="envelope(geo_point_2d) as e"),
        f"SELECT ST_AsGeoJSON(ST_ConvexHull(ST_Union_Agg({POINT_SQL}))) FROM v_fontaines",
        False,
    ),
    (
        "trilib_dt",
        R(select="name, fillingratedate", where=("fillingratedate >= date'2018-12-22'",)),
        "SELECT name, fillingRateDate FROM v_trilib_dt WHERE fillingRateDate >= TIMESTAMP '2018-12-22'",
        False,
    ),
    (
        "trilib_dt",
        R(select="count(*)", group_by="hour(fillingratedate) as h", order_by="h"),
        "SELECT hour(fillingRateDate) h, count(*) FROM v_trilib_dt GROUP BY h ORDER BY h NULLS LAST",
        True,
    ),
    (
        "trilib_dt",
        R(select="name", where=("fillingratedate < now(years=-5)",)),
        "SELECT name FROM v_trilib_dt WHERE fillingRateDate < now()::TIMESTAMP - INTERVAL 5 YEAR",
        False,
    ),
    (
        "trilib",
        R(
            select="fillinglimit - fillingrate as free, wastetype_density / 2",
            where=("fillingrate % 2 = 0",),
        ),
        "SELECT fillingLimit - fillingRate, wastetype_density / 2 FROM v_trilib WHERE fillingRate % 2 = 0",
        False,
    ),
    (
        "trilib",
        R(
            select="localisationfo_postalcode",
            where=("localisationfo_postalcode in (75013, 75015)",),
        ),
        "SELECT localisationfo_postalcode FROM v_trilib WHERE localisationfo_postalcode IN (75013, 75015)",
        False,
    ),
    (
        "subventions",
        R(
            select="count(*) as n",
            group_by="range(dateconvention, *, 2016, 2017, *) as r",
            order_by="r",
        ),
        "SELECT CASE WHEN dateConvention < DATE '2016-01-01' THEN '[*, 2016-01-01T00:00:00.000Z[' "
        "WHEN dateConvention < DATE '2017-01-01' THEN '[2016-01-01T00:00:00.000Z, 2017-01-01T00:00:00.000Z[' "
        "ELSE '[2017-01-01T00:00:00.000Z, *[' END r, count(*) "
        "FROM v_subventions WHERE dateConvention IS NOT NULL GROUP BY r ORDER BY min(dateConvention)",
        True,
    ),
    (
        "subventions",
        R(select="count(*)", group_by="nomattribuant", order_by="sum(montant) desc"),
        "SELECT nomAttribuant, count(*) FROM v_subventions GROUP BY 1 ORDER BY sum(montant) DESC",
        True,
    ),
    (
        "subventions",
        R(select="nature", where=("nature in ['Aide en numéraire', 'x'] and nature <> 'y'",)),
        "SELECT nature FROM v_subventions WHERE nature IN ('Aide en numéraire', 'x') AND nature <> 'y'",
        False,
    ),
    (
        "fontaines",
        R(select="identifiant", where=(f"within_distance(geo_shape, {PARIS_POINT}, 0.5km)",)),
        "SELECT Identifiant FROM v_fontaines WHERE "
        "ST_Distance_Sphere(ST_FlipCoordinates(ST_GeomFromGeoJSON(geo_shape)), ST_Point(48.8859, 2.3348)) <= 500",
        False,
    ),
    (
        "fontaines",
        R(
            select=f"identifiant, distance(geo_shape, {PARIS_POINT}) as d",
            order_by="d, identifiant",
            limit=5,
        ),
        "SELECT Identifiant, ST_Distance_Sphere(ST_FlipCoordinates(ST_GeomFromGeoJSON(geo_shape)), ST_Point(48.8859, 2.3348)) d "
        "FROM v_fontaines ORDER BY d, Identifiant LIMIT 5",
        True,
    ),
    (
        "trilib_dt",
        R(
            select="minute(fillingratedate), second(fillingratedate), date_format(fillingratedate, \"yyyy-MM-dd'T'HH:mm\")"
        ),
        "SELECT minute(fillingRateDate), second(fillingRateDate), strftime(fillingRateDate, '%Y-%m-%dT%H:%M') FROM v_trilib_dt",
        False,
    ),
    (
        "trilib_dt",
        R(select="count(*)", group_by="range(fillingratedate, 1 day) as d", order_by="d"),
        "SELECT '[' || strftime(d, '%Y-%m-%dT%H:%M:%S.000Z') || ', ' || strftime(d + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%S.000Z') || '[', n "
        "FROM (SELECT time_bucket(INTERVAL 1 DAY, fillingRateDate) d, count(*) n FROM v_trilib_dt GROUP BY d) ORDER BY d NULLS LAST",
        True,
    ),
    (
        "trilib_dt",
        R(select="name", refine=("fillingratedate:2018/12",)),
        "SELECT name FROM v_trilib_dt WHERE fillingRateDate >= TIMESTAMP '2018-12-01' AND fillingRateDate < TIMESTAMP '2019-01-01'",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("nombeneficiaire like 'ten*is'",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE nomBeneficiaire ILIKE '%ten%is%'",
        False,
    ),
    (
        "subventions",
        R(select="nombeneficiaire", where=("startswith(*, 'TENNIS') and search(*, 'club')",)),
        "SELECT nomBeneficiaire FROM v_subventions WHERE EXISTS (SELECT 1 FROM (SELECT unnest([nomAttribuant, idAttribuant, "
        "referenceDecision, nomBeneficiaire, idBeneficiaire, objet, nature, conditionsVersement, datesPeriodeVersement, idRAE]) AS t) "
        "WHERE starts_with(t, 'TENNIS')) AND contains(lower(nomBeneficiaire || objet || nomAttribuant || nature || coalesce(idRAE, '') "
        "|| referenceDecision || idAttribuant || idBeneficiaire || conditionsVersement || datesPeriodeVersement), 'club')",
        False,
    ),
    (
        "subventions",
        R(select="montant", where=("nature: 'Aide en numéraire' and montant:[500 TO 2400[",)),
        "SELECT montant FROM v_subventions WHERE nature = 'Aide en numéraire' AND montant >= 500 AND montant < 2400",
        False,
    ),
    (
        "subventions",
        R(
            select="dateconvention",
            where=(
                "dateconvention:[20170401 TO '2017-06-30'] or dateconvention = date'2017/11/28'",
            ),
        ),
        "SELECT dateConvention FROM v_subventions WHERE dateConvention BETWEEN DATE '2017-04-01' AND DATE '2017-06-30' "
        "OR dateConvention = DATE '2017-11-28'",
        False,
    ),
    (
        "subventions",
        R(select="idrae", where=("not idrae = 'x'",)),
        "SELECT idRAE FROM v_subventions WHERE idRAE IS NULL OR idRAE <> 'x'",
        False,
    ),
    (
        "subventions",
        R(select="count(*) as n", group_by="range(dateconvention, 1 M) as m", order_by="m"),
        "SELECT '[' || strftime(m, '%Y-%m-%dT%H:%M:%S.000Z') || ', ' || strftime(m + INTERVAL 1 MONTH, '%Y-%m-%dT%H:%M:%S.000Z') || '[', n "
        "FROM (SELECT time_bucket(INTERVAL 1 MONTH, dateConvention)::TIMESTAMP m, count(*) n FROM v_subventions GROUP BY m) ORDER BY m NULLS LAST",
        True,
    ),
]


def _rows(rows: list[tuple[Any, ...]], ordered: bool) -> list[tuple[Any, ...]]:
    return rows if ordered else sorted(rows, key=repr)


@pytest.mark.parametrize(
    ("slug", "request_", "sql", "ordered"),
    CASES,
    ids=[c[1].where[0][:40] if c[1].where else (c[1].select or "")[:40] for c in CASES],
)
def test_odsql_equals_hand_written_sql(
    catalogue: Catalogue, slug: str, request_: R, sql: str, ordered: bool
) -> None:
    got = catalogue.run(slug, request_)
    expected = catalogue.sql(sql)
    assert _rows(got, ordered) == _rows(expected, ordered)
    assert got, "each case must select something, or it proves nothing"


def test_select_star_names_every_field_by_its_ods_name(catalogue: Catalogue) -> None:
    compiled = catalogue.compile("fontaines", R(limit=1))
    assert [c.name for c in compiled.output] == [f.name for f in catalogue.fields["fontaines"]]
    assert {c.type for c in compiled.output} >= {"text", "boolean", "geo_point_2d", "geo_shape"}


def test_count_query_counts_all_matches_and_groups(catalogue: Catalogue) -> None:
    compiled = catalogue.compile("subventions", R(where=("montant > 1000",), limit=2))
    assert compiled.count is not None
    total = catalogue.sql(compiled.count.sql("duckdb"))[0][0]
    assert total == catalogue.sql("SELECT count(*) FROM v_subventions WHERE montant > 1000")[0][0]
    grouped = catalogue.compile("subventions", R(select="count(*)", group_by="nature", limit=1))
    assert grouped.grouped and grouped.count is not None
    groups = catalogue.sql(grouped.count.sql("duckdb"))[0][0]
    assert (
        groups
        == catalogue.sql("SELECT count(DISTINCT coalesce(nature, '<null>')) FROM v_subventions")[0][
            0
        ]
    )
    assert catalogue.compile("subventions", R(select="count(*)")).count is None


def test_timezone_shows_datetimes_in_local_time(catalogue: Catalogue) -> None:
    utc = catalogue.run("trilib_dt", R(select="fillingratedate", order_by="name"))
    paris = catalogue.run(
        "trilib_dt",
        R(
            select="fillingratedate, hour(fillingratedate)",
            order_by="name",
            timezone="Europe/Paris",
        ),
    )
    zone = ZoneInfo("Europe/Paris")
    expected = [
        (local := value.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None), local.hour)
        for (value,) in utc
    ]
    assert paris == expected
    assert {p[0] - u[0] for p, u in zip(paris, utc, strict=True)} >= {dt.timedelta(hours=1)}


def test_arithmetic_never_fails_at_run_time(catalogue: Catalogue) -> None:
    rows = catalogue.run(
        "trilib",
        R(
            select="fillingrate / 0 as a, fillingrate % 0 as b, fillinglimit * 9223372036854775807 as c",
            limit=3,
        ),
    )
    assert rows == [(None, None, None)] * 3
    expected = catalogue.sql("SELECT fillingLimit * 2 - fillingRate FROM v_trilib")
    assert catalogue.run("trilib", R(select="fillinglimit * 2 - fillingrate")) == expected


def test_groups_come_in_key_order_without_order_by(catalogue: Catalogue) -> None:
    got = catalogue.run("fontaines", R(select="count(*)", group_by="commune, disponibilite"))
    expected = catalogue.sql(
        'SELECT Commune, "Disponibilité", count(*) FROM v_fontaines GROUP BY 1, 2 '
        "ORDER BY 1 NULLS LAST, 2 NULLS LAST"
    )
    assert got == expected and len(got) > 10


def test_limit_minus_one_means_all(catalogue: Catalogue) -> None:
    everything = catalogue.run("trilib", R(select="name", limit=-1))
    assert len(everything) == catalogue.sql("SELECT count(*) FROM v_trilib")[0][0]


@pytest.mark.parametrize(
    ("where", "refine", "condition"),
    [
        ("fillingratedate >= date'2018-12-22'", (), "local >= TIMESTAMP '2018-12-22'"),
        ("fillingratedate < '2018-12-22T13:00:00'", (), "local < TIMESTAMP '2018-12-22 13:00'"),
        (
            "fillingratedate in ]date'2018-09-11'..date'2018-12-22T12:00:00Z'[",
            (),
            "local > TIMESTAMP '2018-09-11' AND local < TIMESTAMP '2018-12-22 13:00'",
        ),
        ("true", ("fillingratedate:2018/12/22",), "local::DATE = DATE '2018-12-22'"),
    ],
)
def test_datetime_filters_in_a_time_zone_keep_the_stored_column(
    catalogue: Catalogue, where: str, refine: tuple[str, ...], condition: str
) -> None:
    request = R(select="name", where=(where,), refine=refine, timezone="Europe/Paris")
    compiled = catalogue.compile("trilib_dt", request)
    assert "TIMEZONE(" not in compiled.rows.args["where"].sql("duckdb")
    local = "timezone('Europe/Paris', fillingRateDate::TIMESTAMPTZ)"
    expected = catalogue.sql(
        f"SELECT name FROM v_trilib_dt WHERE {condition.replace('local', local)}"
    )
    got = catalogue.sql(compiled.rows.sql("duckdb"))
    assert sorted(got) == sorted(expected) and expected


def test_date_histogram_in_a_time_zone_shows_utc_instants_of_local_days(
    catalogue: Catalogue,
) -> None:
    request = R(
        select="count(*) as n",
        group_by="range(fillingratedate, 1 day) as d",
        timezone="Europe/Paris",
    )
    got = catalogue.run("trilib_dt", request)
    zone = ZoneInfo("Europe/Paris")
    counts: dict[dt.datetime, int] = {}
    for (value,) in catalogue.sql(
        "SELECT fillingRateDate FROM v_trilib_dt WHERE fillingRateDate IS NOT NULL"
    ):
        local = value.replace(tzinfo=UTC).astimezone(zone)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        counts[midnight] = counts.get(midnight, 0) + 1

    def instant(moment: dt.datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    expected = [
        (f"[{instant(day)}, {instant((day + dt.timedelta(days=1)).replace(tzinfo=zone))}[", n)
        for day, n in sorted(counts.items())
    ]
    assert got == expected and any("T22:00" in label or "T23:00" in label for label, _ in got)


def test_random_order_is_a_shuffle_fixed_by_its_seed(catalogue: Catalogue) -> None:
    plain = catalogue.run("subventions", R(select="nombeneficiaire, montant"))
    first = catalogue.run("subventions", R(select="nombeneficiaire, montant", order_by="random(1)"))
    again = catalogue.run("subventions", R(select="nombeneficiaire, montant", order_by="random(1)"))
    other = catalogue.run("subventions", R(select="nombeneficiaire, montant", order_by="random(2)"))
    assert first == again and sorted(first, key=repr) == sorted(plain, key=repr)
    assert first != other and first != plain
    groups = catalogue.run(
        "fontaines", R(select="count(*)", group_by="commune", order_by="random(7)")
    )
    assert sorted(groups) == sorted(
        catalogue.run("fontaines", R(select="count(*)", group_by="commune"))
    )


def test_missing_or_broken_geo_points_come_out_as_null(catalogue: Catalogue) -> None:
    catalogue.con.execute(
        "CREATE OR REPLACE VIEW v_fontaines_holes AS SELECT * REPLACE ("
        "CASE WHEN Identifiant LIKE '%1' THEN NULL WHEN Identifiant LIKE '%2' THEN 'n/a' "
        "ELSE geo_point_2d END AS geo_point_2d) FROM v_fontaines"
    )
    catalogue.fields["fontaines_holes"] = catalogue.fields["fontaines"]
    rows = catalogue.run("fontaines_holes", R(select="identifiant, geo_point_2d"))
    assert {p is None for i, p in rows if i.endswith(("1", "2"))} == {True}
    assert all(isinstance(p, dict) and p["lat"] > 48 for i, p in rows if not i.endswith(("1", "2")))
