"""Peer groups on the real geography: DGCL strata bounds, EPCI legal types, places, labels,
imported groups, and clear errors for rules that mean nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from territoria.errors import UserError
from territoria.geo.geography import Geography, geography
from territoria.geo.labels import programme_members
from territoria.indicators.peers import (
    ImportedGroup,
    UnknownGroupError,
    UnknownPeerGroupError,
    peer_group,
)
from territoria.indicators.strata import BOUNDS, stratum, stratum_titles

DGCL = [500, 2_000, 3_500, 5_000, 10_000, 20_000, 50_000, 100_000]  # the upper bounds, as published


@pytest.fixture(scope="module")
def geo() -> Geography:
    return geography()


@given(st.integers(min_value=0, max_value=3_000_000))
def test_stratum_bounds(population: int) -> None:
    index = stratum(population)
    lower = 0 if index == 0 else DGCL[index - 1]
    upper = DGCL[index] if index < len(DGCL) else None
    assert lower <= population and (upper is None or population < upper)
    assert len(BOUNDS) == len(DGCL) + 1


@pytest.mark.parametrize(
    ("population", "title"),
    [
        (0, "communes de moins de 500 habitants"),
        (499, "communes de moins de 500 habitants"),
        (500, "communes de 500 à 2\u202f000 habitants"),
        (2_000, "communes de 2\u202f000 à 3\u202f500 habitants"),
        (3_499, "communes de 2\u202f000 à 3\u202f500 habitants"),
        (99_999, "communes de 50\u202f000 à 100\u202f000 habitants"),
        (100_000, "communes de 100\u202f000 habitants ou plus"),
    ],
)
def test_stratum_titles(population: int, title: str) -> None:
    assert stratum_titles(stratum(population))[0] == title


def test_strata_partition_the_communes(geo: Geography) -> None:
    communes = [t for t in geo if t.level == "commune" and t.population is not None]
    seen: set[str] = set()
    for sample in {stratum(t.population or 0): t for t in communes}.values():
        group = peer_group(geo, sample.id)
        index = stratum(sample.population or 0)
        expected = {t.id for t in communes if stratum(t.population or 0) == index}
        assert group.members == expected and group.level == "commune" and group.id == "strate"
        seen |= group.members
    assert seen == {t.id for t in communes}


def test_epci_by_legal_type_with_metropoles_together(geo: Geography) -> None:
    lyon = next(t for t in geo if t.level == "epci" and t.kind == "MET69")
    metropoles = peer_group(geo, lyon.id)
    assert metropoles.members == {
        t.id for t in geo if t.level == "epci" and t.kind in ("METRO", "MET69")
    }
    assert metropoles.title_fr == "métropoles"
    cc = next(t for t in geo if t.level == "epci" and t.kind == "CC")
    assert peer_group(geo, cc.id).members == {
        t.id for t in geo if t.level == "epci" and t.kind == "CC"
    }


def test_departements_and_regions_compare_with_their_whole_level(geo: Geography) -> None:
    assert peer_group(geo, "departement:2A").members == {
        t.id for t in geo if t.level == "departement"
    }
    assert peer_group(geo, "region:84").members == {t.id for t in geo if t.level == "region"}
    corse = peer_group(geo, "departement:2A", "region")
    assert corse.members == {"departement:2A", "departement:2B"}
    assert corse.title_fr == "départements de la région Corse"


def test_same_departement_and_region(geo: Geography) -> None:
    ablis = peer_group(geo, "commune:78003", "departement")
    assert ablis.members == {t.id for t in geo if t.level == "commune" and t.departement == "78"}
    assert ablis.title_fr == "communes du département Yvelines"
    region = peer_group(geo, "commune:78003", "region")
    assert region.members == {t.id for t in geo if t.level == "commune" and t.region == "11"}
    with pytest.raises(UnknownPeerGroupError):
        peer_group(geo, "departement:2A", "departement")
    with pytest.raises(UnknownPeerGroupError):
        peer_group(geo, "region:84", "region")


def test_labels_and_imported_groups(geo: Geography) -> None:
    pvd = peer_group(geo, "commune:78003", "label:pvd")
    assert pvd.members == programme_members("pvd").communes
    outsider = peer_group(geo, "commune:75056", "label:pvd")  # Paris is no small town
    assert outsider.members == programme_members("pvd").communes | {"commune:75056"}
    group = ImportedGroup("essai", "Essai", frozenset({"commune:01004", "departement:01"}))
    mine = peer_group(geo, "commune:2A004", "group:essai", imported=group)
    assert mine.members == {"commune:01004", "commune:2A004"}
    assert mine.title_fr == "communes du groupe « Essai »"
    assert mine.title_en == "communes of group 'Essai'"
    assert pvd.title_en == "Petites Villes de Demain communes"
    with pytest.raises(UnknownGroupError):
        peer_group(geo, "commune:2A004", "group:autre", imported=group)
    with pytest.raises(UnknownPeerGroupError):
        peer_group(geo, "region:84", "label:pvd")  # no région carries a label


@pytest.mark.parametrize("rule", ["nope", "label:", "group:", "label:xyz"])
def test_unknown_rules_are_user_errors(geo: Geography, rule: str) -> None:
    with pytest.raises(UserError) as caught:
        peer_group(geo, "commune:78003", rule)
    assert caught.value.http_status in (400, 404)


def test_all_and_the_country(geo: Geography) -> None:
    assert len(peer_group(geo, "commune:78003", "all").members) == sum(
        1 for t in geo if t.level == "commune"
    )
    assert peer_group(geo, "pays:FR").members == {"pays:FR"}
