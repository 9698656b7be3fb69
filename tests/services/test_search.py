"""Catalogue search on real datasets: French stemming and accents, ranking, facets counted as
hand-written SQL counts them, the visibility rule, sorts and pages, the revision cache."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from territoria.catalog.search.facets import UnknownFacetError
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES
from territoria.config import Settings
from territoria.security.actor import ADMIN, ANONYMOUS
from territoria.services.catalogue import search_catalogue
from territoria.services.catalogue_sort import UnknownSortError
from territoria.services.instance import open_instance
from territoria.services.metadata import edit_dataset


@pytest.fixture(scope="module")
def db(catalogue: Settings) -> Iterator[Any]:
    """A plain connection on the catalogue file: the oracle reads rows with its own SQL."""
    engine = create_engine(catalogue.catalog_url)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def slugs(result: Any) -> list[str]:
    return [item["slug"] for item in result.items]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dechet", ["tonnages-decheteries", "trilib-paris"]),
        ("DÉCHETS", ["tonnages-decheteries", "trilib-paris"]),
        ("DECHETERIES", ["tonnages-decheteries"]),
        ("subvention", ["subventions-31", "subventions-vendee"]),
        ("fontaine", ["fontaines-paris"]),
        ("eau potable", ["fontaines-paris"]),
        ("sanis", ["sanisettes-paris"]),  # a word being typed
        ("haute garonne", ["subventions-31"]),
        ("ademe", ["tonnages-decheteries"]),  # the publisher's name
        ("prénoms", []),  # private: not for anonymous callers
        ("le la des", None),  # only stop words: no filter
    ],
)
def test_search_finds_stems_without_accents(
    catalogue: Settings, db: Any, query: str, expected: list[str] | None
) -> None:
    result = search_catalogue(catalogue, ANONYMOUS, q=query, limit=100)
    if expected is None:
        public = db.execute(text("SELECT count(*) FROM dataset WHERE visibility = 'public'"))
        assert result.total == public.scalar_one()
    else:
        assert sorted(slugs(result)) == sorted(expected)
        assert result.total == len(expected)


def test_search_reads_field_names(catalogue: Settings, db: Any) -> None:
    having = db.execute(text(
        "SELECT d.slug FROM dataset d, json_each(json_extract(d.schema_json, '$.fields')) f"
        " WHERE json_extract(f.value, '$.name') = 'nomBeneficiaire' AND d.visibility = 'public'"
    ))  # fmt: skip
    expected = sorted(slug for (slug,) in having)
    assert "subventions-31" in expected
    assert sorted(slugs(search_catalogue(catalogue, ANONYMOUS, q="nomBeneficiaire"))) == expected


def test_title_ranks_above_description(catalogue: Settings) -> None:
    """ "fontaine" is in the title of one dataset, in the description of the private one."""
    result = search_catalogue(catalogue, ADMIN, q="fontaine")
    assert slugs(result) == ["fontaines-paris", "prenoms-prive"]
    assert result.items[0]["score"] > result.items[1]["score"] > 0
    deux = search_catalogue(catalogue, ANONYMOUS, q="dechet")
    # in the title (twice) of the first, in the description of the second
    assert slugs(deux) == ["tonnages-decheteries", "trilib-paris"]


def test_scores_are_descending_by_default(catalogue: Settings) -> None:
    result = search_catalogue(catalogue, ANONYMOUS, q="paris eau")
    scores = [item["score"] for item in result.items]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2


def _sql_facets(db: Any, where: str = "", visible: str = "d.visibility = 'public'") -> dict:
    """Facet counts written by hand: JSON lists through SQLite's json_each."""
    cond = f"{visible} {where}"
    theme = db.execute(
        text(
            f"SELECT j.value, count(*) FROM dataset d, json_each(d.themes) j WHERE {cond}"
            " GROUP BY j.value"
        )
    ).all()
    keyword = db.execute(
        text(
            f"SELECT j.value, count(*) FROM dataset d, json_each(d.keywords) j WHERE {cond}"
            " GROUP BY j.value"
        )
    ).all()
    territory = db.execute(
        text(
            f"SELECT j.value, count(*) FROM dataset d, json_each(d.spatial_coverage) j WHERE {cond}"
            " GROUP BY j.value"
        )
    ).all()
    license_ = db.execute(
        text(
            f"SELECT d.license, count(*) FROM dataset d WHERE {cond} AND d.license IS NOT NULL"
            " GROUP BY d.license"
        )
    ).all()
    publisher = db.execute(
        text(
            "SELECT o.name, count(*) FROM dataset d"
            " JOIN organisation o ON o.id = d.organisation_id"
            f" WHERE {cond} GROUP BY o.name"
        )
    ).all()
    fmt = db.execute(
        text(
            "SELECT json_extract(v.detection, '$.format'), count(*) FROM dataset d JOIN version v"
            " ON v.dataset_id = d.id AND v.number = (SELECT max(number) FROM version w"
            f" WHERE w.dataset_id = d.id) WHERE {cond} GROUP BY 1"
        )
    ).all()
    schema = db.execute(
        text(
            f"SELECT d.schema_ref, count(*) FROM dataset d WHERE {cond}"
            " AND d.schema_ref IS NOT NULL"
            " GROUP BY d.schema_ref"
        )
    ).all()
    return {
        "theme": Counter({THEMES.resolve(k).label_fr: n for k, n in theme}),
        "keyword": Counter(dict(keyword)),
        "territory": Counter(dict(territory)),
        "license": Counter({LICENCES.resolve(k).label_fr: n for k, n in license_}),
        "publisher": Counter(dict(publisher)),
        "format": Counter(dict(fmt)),
        "schema": Counter(dict(schema)),
    }  # fmt: skip


def _counted(facets: dict[str, list[dict[str, Any]]]) -> dict[str, Counter[str]]:
    return {
        name: Counter({v["name"]: v["count"] for v in values}) for name, values in facets.items()
    }


def test_facets_count_what_sql_counts(catalogue: Settings, db: Any) -> None:
    result = search_catalogue(catalogue, ANONYMOUS)
    assert _counted(result.facets) == _sql_facets(db)
    assert result.facets["format"] == [{"name": "csv", "count": 5}, {"name": "xlsx", "count": 1}]


def test_facets_follow_refine_and_exclude(catalogue: Settings, db: Any) -> None:
    refined = search_catalogue(catalogue, ANONYMOUS, refine={"theme": ["Déchets"]})
    where = "AND EXISTS (SELECT 1 FROM json_each(d.themes) t WHERE t.value = 'dechets')"
    assert _counted(refined.facets) == _sql_facets(db, where)
    assert sorted(slugs(refined)) == ["tonnages-decheteries", "trilib-paris"]
    # the same value by id or URI; exclusion by licence id
    by_uri = search_catalogue(
        catalogue, ANONYMOUS, refine={"theme": [THEMES.resolve("dechets").uri]}
    )
    assert slugs(by_uri) == slugs(refined)
    kept = search_catalogue(catalogue, ANONYMOUS, refine={"publisher": ["217500016"]},
                            exclude={"licence": ["odbl"]})  # fmt: skip
    assert kept.total == 0
    paris = search_catalogue(catalogue, ANONYMOUS, refine={"publisher": ["Ville de Paris"]},
                             exclude={"keyword": ["tri"]})  # fmt: skip
    assert sorted(slugs(paris)) == ["fontaines-paris", "sanisettes-paris"]


def test_private_dataset_never_counted_for_anonymous(catalogue: Settings, db: Any) -> None:
    anonymous = search_catalogue(catalogue, ANONYMOUS, q="fontaine")
    admin = search_catalogue(catalogue, ADMIN, q="fontaine")
    assert (anonymous.total, admin.total) == (1, 2)
    everything = search_catalogue(catalogue, ANONYMOUS, limit=100)
    shown = {v["name"] for values in everything.facets.values() for v in values}
    assert not shown & {
        "Ville de Carrières-sous-Poissy",
        "commune:78123",
        "prénoms",
        "Population et état civil",
        LICENCES.resolve("cc-by-4.0").label_fr,
    }
    assert "prenoms-prive" not in slugs(everything)
    assert _counted(search_catalogue(catalogue, ADMIN).facets) == _sql_facets(db, visible="1 = 1")
    assert search_catalogue(catalogue, ANONYMOUS, refine={"theme": ["population"]}).total == 0


def test_sorts_and_pages(catalogue: Settings, db: Any) -> None:
    titles = [t for (t,) in db.execute(text("SELECT title FROM dataset WHERE visibility='public'"))]
    folded = sorted(
        titles, key=lambda t: unicodedata.normalize("NFKD", t).encode("ascii", "ignore").lower()
    )
    result = search_catalogue(catalogue, ANONYMOUS, sort="title", limit=100)
    assert [item["title"] for item in result.items] == folded
    reverse = search_catalogue(catalogue, ANONYMOUS, sort="title desc", limit=100)
    assert [item["title"] for item in reverse.items] == folded[::-1]
    page = search_catalogue(catalogue, ANONYMOUS, sort="title", limit=2, offset=3)
    assert [item["title"] for item in page.items] == folded[3:5] and page.total == len(titles)
    newest = search_catalogue(catalogue, ANONYMOUS, sort="-modified", limit=100)
    stamps = [item["modified"] for item in newest.items]
    assert stamps == sorted(stamps, reverse=True)


def test_unknown_facet_and_sort_are_bilingual_errors(catalogue: Settings) -> None:
    with pytest.raises(UnknownFacetError) as facet:
        search_catalogue(catalogue, ANONYMOUS, refine={"couleur": ["rouge"]})
    assert "Facette inconnue" in facet.value.message_fr and "theme" in facet.value.message_en
    with pytest.raises(UnknownSortError) as sort:
        search_catalogue(catalogue, ANONYMOUS, sort="popularity")
    assert "Tri inconnu" in sort.value.message_fr and "relevance" in sort.value.message_en


def test_search_in_a_callers_session_and_cache_follows_edits(tmp_path: Path) -> None:
    settings = build_catalogue_small(tmp_path)
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            before = search_catalogue(session, ANONYMOUS, q="compost")
            assert before.total == 0
            edit_dataset(session, "trilib-paris", {"keywords": ["compost"]}, ADMIN)
            after = search_catalogue(session, ANONYMOUS, q="compost")
            assert slugs(after) == ["trilib-paris"]
            edit_dataset(session, "trilib-paris", {"visibility": "private"}, ADMIN)
            assert search_catalogue(session, ANONYMOUS, q="compost").total == 0
            assert search_catalogue(session, ADMIN, q="compost").total == 1
    finally:
        instance.close()


def build_catalogue_small(home: Path) -> Settings:
    from territoria.ingest.table import ReadOptions
    from territoria.services.ingesting import ingest_file
    from territoria.services.instance import init_instance

    settings = Settings(home=home)
    init_instance(settings).close()
    sample = Path(__file__).resolve().parents[1] / "data" / "samples" / "dechets"
    ingest_file(sample / "trilib-paris-2018.csv", "trilib-paris", schema_ref=None, org_code=None,
                quarantine=True, options=ReadOptions(), settings=settings)  # fmt: skip
    return settings


def test_negative_page_bounds_are_user_errors(catalogue: Settings) -> None:
    from territoria.errors import UserError

    with pytest.raises(UserError, match="must not be negative"):
        search_catalogue(catalogue, ANONYMOUS, limit=-1)
    assert search_catalogue(catalogue, ANONYMOUS, limit=0).items == []


def test_a_rebuild_reanalyses_only_what_changed(catalogue: Settings) -> None:
    from territoria.services.catalogue_snapshot import current_snapshot

    instance = open_instance(catalogue)
    try:
        with instance.session() as session:
            before = current_snapshot(session)
            assert current_snapshot(session) is before  # same revision: no rebuild
            edit_dataset(session, "sanisettes-paris", {"keywords": ["toilettes", "wc"]}, ADMIN)
            after = current_snapshot(session)
    finally:
        instance.close()
    assert after is not before and after.revision != before.revision
    changed = {i for i, e in after.entries.items() if e.analysed is not before.entries[i].analysed}
    assert [after.entries[i].slug for i in changed] == ["sanisettes-paris"]
    assert slugs(search_catalogue(catalogue, ANONYMOUS, q="wc")) == ["sanisettes-paris"]
