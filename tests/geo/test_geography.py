"""The geography's facts against hand-written SQL over the bundle, and its old codes."""

import duckdb
import pytest

from territoria.errors import NotFoundError, UserError
from territoria.geo.geography import Geography
from territoria.geo.ids import InvalidVintageError, parse_id


def test_ids_parse_and_refuse() -> None:
    assert str(parse_id("Departement:2a")) == "departement:2A"
    for bad in ("75056", "ville:75056", "commune:", ""):
        with pytest.raises(UserError) as caught:
            parse_id(bad)
        assert "invalide" in str(caught.value) and "invalid" in str(caught.value)


def test_unknown_id_is_not_found(geo: Geography) -> None:
    with pytest.raises(NotFoundError, match="commune:99999"):
        geo.get("commune:99999")


def test_every_row_is_loaded_once(geo: Geography, db: duckdb.DuckDBPyConnection) -> None:
    count, distinct = db.sql("SELECT count(*), count(DISTINCT id) FROM t").fetchone() or (0, 0)
    assert len(geo) == count == distinct


def test_population_of_departement_is_sum_of_its_communes(
    geo: Geography, db: duckdb.DuckDBPyConnection
) -> None:
    rows = db.sql(
        "SELECT departement, coalesce(sum(population), 0) FROM t WHERE level = 'commune' GROUP BY 1"
    ).fetchall()
    children = {dep: geo.children(f"departement:{dep}") for dep, _ in rows}
    by_children = {
        dep: sum(c.population or 0 for c in kids if c.level == "commune")
        for dep, kids in children.items()
    }
    assert by_children == dict(rows)
    assert geo.get("departement:2A").population == dict(rows)["2A"] > 100_000
    total = db.sql("SELECT sum(population) FROM t WHERE level = 'commune'").fetchone()
    assert total is not None and geo.get("pays:FR").population == total[0]


def test_epci_members_are_communes_actuelles(geo: Geography) -> None:
    epcis = [t for t in geo if t.level == "epci"]
    assert len(epcis) > 1200
    for epci in epcis:
        members = geo.children(epci.id)
        assert members and all(m.level == "commune" for m in members)
        assert sum(m.population or 0 for m in members) == epci.population


def test_communes_are_in_one_epci_except_the_listed_islands(
    geo: Geography, db: duckdb.DuckDBPyConnection
) -> None:
    outside = db.sql(
        "SELECT id, name FROM t WHERE level = 'commune' AND "
        "len(list_filter(parents, p -> p LIKE 'epci:%')) = 0"
    ).fetchall()
    assert 0 < len(outside) < 120
    assert {"Île-de-Bréhat", "Île-de-Sein", "Ouessant", "L'Île-d'Yeu"} <= {n for _, n in outside}
    alone = {territory_id for territory_id, _ in outside}
    for territory in geo:
        if territory.level == "commune":
            epcis = [p for p in territory.parents if p.startswith("epci:")]
            assert len(epcis) == (0 if territory.id in alone else 1), territory.id


def test_ancestors_follow_the_departement_line(geo: Geography) -> None:
    paris = [t.id for t in geo.ancestors("commune:75056")]
    assert paris == ["epci:200054781", "departement:75", "region:11", "pays:FR"]
    ept = [t.id for t in geo.ancestors("commune:93066")]
    assert ept[-3:] == ["departement:93", "region:11", "pays:FR"] and len(ept) == 5


def test_every_territory_chains_to_france(geo: Geography) -> None:
    for territory in geo:
        if territory.id != "pays:FR":
            assert geo.ancestors(territory.id)[-1].id == "pays:FR", territory.id


def test_former_communes_belong_to_their_commune(geo: Geography) -> None:
    assert [p.id for p in geo.parents("arrondissement-municipal:75101")] == ["commune:75056"]
    delegated = geo.get("commune-deleguee:01015")
    assert geo.parents(delegated.id)[0].id == "commune:01015"


def test_old_codes_resolve_to_the_commune_nouvelle(
    geo: Geography, db: duckdb.DuckDBPyConnection
) -> None:
    pairs = db.sql(
        "SELECT old, id FROM (SELECT unnest(old_codes) AS old, id FROM t WHERE level = 'commune') "
        "WHERE 'commune:' || old NOT IN (SELECT id FROM t) ORDER BY old"
    ).fetchall()
    assert len(pairs) > 1000
    for old, current in pairs:
        match = geo.resolve_commune(old)
        assert match is not None and match.old_code and match.territory.id == current
    match = geo.resolve_commune("01015")
    assert match is not None and not match.old_code and match.territory.name == "Arboys en Bugey"
    assert geo.resolve_commune("99999") is None


def test_bundle_has_the_schema_the_build_writes() -> None:
    import pyarrow.parquet as pq

    from territoria.geo.build_bundle import SCHEMA
    from territoria.geo.geography import BUNDLE

    metadata = pq.ParquetFile(BUNDLE)
    assert metadata.schema_arrow.equals(SCHEMA)
    assert metadata.metadata.row_group(0).column(0).compression == "ZSTD"


def test_vintage_ids(geo: Geography, db: duckdb.DuckDBPyConnection) -> None:
    parsed = parse_id("fr:Commune:75056@2025")
    assert (parsed.level, parsed.code, parsed.vintage) == ("commune", "75056", 2025)
    assert str(parsed) == "commune:75056" and parsed.full == "commune:75056@2025"
    assert parse_id("region:84").vintage is None and geo.get("commune:75056@2026").code == "75056"
    for bad in ("commune:75056@2027", "commune:75056@25", "commune:75056@", "commune:1@x"):
        with pytest.raises(InvalidVintageError) as caught:
            parse_id(bad)
        assert "millésime" in str(caught.value) and "vintage" in str(caught.value)


def test_past_vintage_old_codes_reach_todays_commune(
    geo: Geography, db: duckdb.DuckDBPyConnection
) -> None:
    pairs = db.sql(
        "SELECT old, id FROM (SELECT unnest(old_codes) AS old, id FROM t WHERE level = 'commune') "
        "WHERE 'commune:' || old NOT IN (SELECT id FROM t)"
    ).fetchall()
    for old, current in pairs:
        match = geo.find(f"commune:{old}@2015")
        assert match.territory.id == current and match.old_code, old
        assert match.requested == f"commune:{old}@2015"
    with pytest.raises(NotFoundError) as caught:  # no vintage: the 2026 code, which is gone
        geo.get(f"commune:{pairs[0][0]}")
    assert pairs[0][1] in str(caught.value)  # the hint names today's commune
    assert not geo.find("commune:01015@2015").old_code  # the code lives on
    with pytest.raises(NotFoundError):
        geo.get("region:21@2015")  # old régions: no mapping bundled, said plainly


def test_commune_of_arrondissements_and_delegated(geo: Geography) -> None:
    for arrondissement in (t for t in geo if t.level == "arrondissement-municipal"):
        commune = geo.commune_of(arrondissement.id)
        assert commune.code in ("75056", "69123", "13055"), arrondissement.id
    assert geo.commune_of("commune-deleguee:01015").name == "Arboys en Bugey"
    with pytest.raises(UserError):
        geo.commune_of("departement:01")
