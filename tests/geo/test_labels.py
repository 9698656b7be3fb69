"""Programme labels: every code of the bundled PVD and ACV lists lands on today's commune or is
listed with its row; the copies hold no personal data; labels show on territories."""

from __future__ import annotations

import csv

import pytest

from territoria.geo.geography import Geography
from territoria.geo.labels import (
    PROGRAMMES_DIR,
    UnknownLabelError,
    programme,
    programme_labels,
    programme_members,
)
from territoria.services.territories import show_territory

FILES = {
    "pvd": "petites-villes-de-demain-communes.csv",
    "acv": "action-coeur-de-ville-communes.csv",
}


def _rows(slug: str) -> list[dict[str, str]]:
    with (PROGRAMMES_DIR / FILES[slug]).open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


@pytest.mark.parametrize("slug", ["pvd", "acv"])
def test_every_code_is_a_member_or_listed_with_its_row(slug: str, geo: Geography) -> None:
    rows = _rows(slug)
    members = programme_members(slug)
    assert members.rows == len(rows)
    current = {
        f"commune:{r['insee_com']}" for r in rows if f"commune:{r['insee_com']}" in geo.by_id
    }
    old = {
        match.territory.id
        for r in rows
        if f"commune:{r['insee_com']}" not in geo.by_id
        and (match := geo.resolve_commune(r["insee_com"])) is not None
    }
    assert members.communes == current | old
    unknown = [
        (number, r["insee_com"])
        for number, r in enumerate(rows, start=2)  # the header is row 1
        if f"commune:{r['insee_com']}" not in geo.by_id
        and geo.resolve_commune(r["insee_com"]) is None
    ]
    assert [(u.row, u.code) for u in members.unresolved] == unknown
    assert all(geo.by_id[c].level == "commune" for c in members.communes)


def test_programme_counts() -> None:
    """1,607 PVD rows, one a placeholder (999999, row 1516); 244 ACV communes, all today's."""
    pvd, acv = programme_members("pvd"), programme_members("acv")
    assert (pvd.rows, len(pvd.communes)) == (len(_rows("pvd")), len(_rows("pvd")) - 1)
    assert [(u.row, u.code) for u in pvd.unresolved] == [(1516, "999999")]
    assert (acv.rows, len(acv.communes), acv.unresolved) == (244, 244, ())


def test_copies_carry_no_personal_data() -> None:
    header = _rows("pvd")[0].keys()
    assert not {"nom_maire", "mel_mairie", "site_mairie"} & set(header)
    assert (PROGRAMMES_DIR / "SOURCE.md").is_file()


def test_labels_on_territories() -> None:
    ajaccio = show_territory("commune:2A004")["labels"]
    assert [label["id"] for label in ajaccio] == ["label:acv"]
    assert ajaccio[0]["title"]["fr"] == "Action Cœur de Ville"
    ablis = {label["id"] for label in show_territory("commune:78003")["labels"]}
    assert ablis == {"label:pvd"}
    assert programme_labels("departement:2A") == []


def test_unknown_programme_names_the_known_ones() -> None:
    with pytest.raises(UnknownLabelError) as caught:
        programme("nope")
    assert "pvd, acv" in caught.value.message_en and caught.value.http_status == 404
    assert programme("PVD").label == "label:pvd"
