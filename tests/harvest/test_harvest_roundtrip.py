"""Round trips: one running Territoria harvested into a second one through the APIs it
serves (Opendatasoft Explore v2.1, DCAT); every public dataset's metadata and data compared
with DuckDB over both lakes; a second harvest changes nothing; a new version upstream → one
new version here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harvest_helpers import columns, data_file, metadata, public_slugs, same_rows, version_count
from live_server import SAMPLES, build_instance, client, serving
from throwaway import empty_instance

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.harvest.http import Politeness
from territoria.ingest.table import ReadOptions
from territoria.services.harvesting import HarvestOptions, harvest
from territoria.services.ingesting import ingest_file
from territoria.services.instance import open_instance

pytestmark = pytest.mark.slow
# one retry: on a loaded 2-core CI machine a first export (indexes, spatial) can be slow to
# start; a failure is still reported with its reason (failures() below)
POLITE = Politeness(retries=1)
SCDL_VALID = SAMPLES.parent / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"
SOURCES = {"ods": "", "ckan": "/api/3/action/package_search", "dcat": "/catalog.ttl"}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, str]]:
    settings = build_instance(tmp_path_factory.mktemp("source"))
    # a dataset conform to a national schema with words of its own (SCDL's oui/non booleans,
    # camelCase names): it must come back whole and valid, not quarantined
    ingest_file(
        SCDL_VALID,
        "subventions-valides",
        schema_ref="scdl/subventions",
        org_code="217500016",
        quarantine=False,
        options=ReadOptions(),
        settings=settings,
    )
    with serving(settings) as url:
        yield settings, url


@pytest.fixture(scope="module", params=sorted(SOURCES))
def harvested(
    request: pytest.FixtureRequest,
    source: tuple[Settings, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Settings, str, object]:
    kind = str(request.param)
    target = empty_instance(tmp_path_factory.mktemp(f"target-{kind}"))
    url = source[1] + SOURCES[kind]
    report = harvest(target, HarvestOptions(url, kind=kind, politeness=POLITE))
    return target, url, report


def failures(report: object) -> list[tuple[str, str | None]]:
    """The remote ids that failed and why, for an assertion's message."""
    outcomes = getattr(report, "outcomes", [])
    return [(o.remote_id, o.error_en) for o in outcomes if o.error_en]


def test_every_public_dataset_comes_over_and_the_private_one_does_not(
    source: tuple[Settings, str], harvested: tuple[Settings, str, object]
) -> None:
    target, _url, report = harvested
    assert report.exit_code == 0, failures(report)
    assert public_slugs(target) == public_slugs(source[0])
    assert "prenoms-prive" not in public_slugs(target)


def test_metadata_is_carried_over(
    source: tuple[Settings, str], harvested: tuple[Settings, str, object]
) -> None:
    target = harvested[0]
    for slug in public_slugs(source[0]):
        assert metadata(target, slug) == metadata(source[0], slug), slug


def test_data_is_carried_over_row_for_row(
    source: tuple[Settings, str], harvested: tuple[Settings, str, object]
) -> None:
    target, url, _report = harvested
    for slug in public_slugs(source[0]):
        theirs, ours = data_file(source[0], slug), data_file(target, slug)
        if url == source[1]:  # Opendatasoft's fields carry labels: columns keep them
            assert columns(ours) == columns(theirs), slug
        left, right, missing, extra = same_rows(theirs, ours)
        assert (left, missing, extra) == (right, 0, 0), slug


def test_a_second_harvest_changes_nothing(harvested: tuple[Settings, str, object]) -> None:
    target, url, _report = harvested
    before = {s: version_count(target, s) for s in public_slugs(target)}
    again = harvest(target, HarvestOptions(url, politeness=POLITE))
    assert {o.action for o in again.outcomes} == {"unchanged"}, again.to_dict()
    assert {s: version_count(target, s) for s in public_slugs(target)} == before


def test_a_new_version_upstream_makes_one_new_version_here(
    tmp_path: Path, source: tuple[Settings, str], harvested: tuple[Settings, str, object]
) -> None:
    target, url, _report = harvested
    slug = "trilib-paris"
    before = version_count(target, slug)
    changed = tmp_path / "trilib.csv"
    lines = (SAMPLES / "dechets/trilib-paris-2018.csv").read_bytes().splitlines(keepends=True)
    dropped = 2 + version_count(source[0], slug)  # each kind's run changes the remote anew
    changed.write_bytes(b"".join(lines[:-dropped]))  # the remote drops a few stations
    with client(source[1], admin=True) as http, changed.open("rb") as body:
        answer = http.post(f"/api/v1/datasets/{slug}/versions", files={"file": body})
        assert answer.status_code in (200, 201), answer.text
    again = harvest(target, HarvestOptions(url, politeness=POLITE))
    by_id = {o.slug: o for o in again.outcomes}
    assert by_id[slug].action == "updated" and by_id[slug].new_version, again.to_dict()
    assert version_count(target, slug) == before + 1
    left, right, missing, extra = same_rows(data_file(source[0], slug), data_file(target, slug))
    assert (left, missing, extra) == (right, 0, 0)
    others = [o for o in again.outcomes if o.slug != slug]
    assert all(not o.new_version for o in others)


def test_a_schema_conform_dataset_comes_back_whole_and_valid(
    source: tuple[Settings, str], harvested: tuple[Settings, str, object]
) -> None:
    target = harvested[0]
    instance = open_instance(target)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, "subventions-valides")
            assert version is not None
            assert (version.row_count, version.invalid_row_count) == (29, 0)
            names = [f["name"] for f in (version.schema_json or {})["fields"]]
            assert names[:2] == ["nomAttribuant", "idAttribuant"]
    finally:
        instance.close()


def test_dcat_from_the_portal_address_finds_its_catalogue(
    source: tuple[Settings, str], tmp_path: Path
) -> None:
    target = empty_instance(tmp_path / "target-bare")
    options = HarvestOptions(source[1], kind="dcat", politeness=POLITE)
    report = harvest(target, options)
    assert report.exit_code == 0, report.to_dict()
    assert public_slugs(target) == public_slugs(source[0])
