"""Show and search territories through the service layer, checked against SQL over the bundle."""

import duckdb
import pytest

from territoria.errors import NotFoundError, UserError
from territoria.geo.names import name_key
from territoria.services.territories import search_territories, show_territory


def test_show_names_parents_and_counts_children(db: duckdb.DuckDBPyConnection) -> None:
    info = show_territory("departement:2a")
    assert info["id"] == "departement:2A" and info["parents"][0]["id"] == "region:94"
    counts = dict(
        db.sql(
            "SELECT level, count(*) FROM t "
            "WHERE list_contains(parents, 'departement:2A') GROUP BY 1"
        ).fetchall()
    )
    assert info["children"] == counts
    assert info["hasContour"] and show_territory("commune:75056")["hasContour"]
    assert not show_territory("commune:97501")["hasContour"]  # Saint-Pierre: no shape
    with pytest.raises(NotFoundError):
        show_territory("region:99")


def test_search_ranks_code_then_name_then_prefix_then_contains(
    db: duckdb.DuckDBPyConnection,
) -> None:
    assert search_territories("75056", 1)[0]["id"] == "commune:75056"
    found = search_territories("st etienne", 100)
    assert found[0]["id"] == "commune:42218" and found[0]["match"] == "name"
    order = ["code", "postal-code", "name", "name-prefix", "name-contains"]
    ranks = [order.index(f["match"]) for f in found]
    assert ranks == sorted(ranks)
    prefixes = [f for f in found if f["match"] == "name-prefix"]
    populations = [f["population"] or 0 for f in prefixes]
    assert populations == sorted(populations, reverse=True)
    expected = db.sql(
        "SELECT count(*) FROM t WHERE regexp_replace(strip_accents(lower(name)), "
        "'[^a-z0-9]+', ' ', 'g') LIKE '%saint etienne%'"
    ).fetchone()
    assert expected is not None and len(found) == min(100, expected[0])
    assert all("saint etienne" in name_key(f["name"]) for f in found)


def test_search_by_postal_code_and_limits() -> None:
    found = search_territories("01400", 20)
    assert {f["match"] for f in found} <= {"code", "postal-code"} and len(found) > 2
    assert search_territories("zzzzqqq", 5) == []
    with pytest.raises(UserError):
        search_territories("Paris", 0)


def test_show_says_a_past_vintage_id_reached_todays_commune() -> None:
    info = show_territory("commune:01340@2015")
    assert info["id"] == "commune:01015" and info["resolvedFrom"] == "commune:01340@2015"
    assert "resolvedFrom" not in show_territory("commune:01015@2015")
    with pytest.raises(UserError, match="2027"):
        show_territory("commune:01015@2027")
