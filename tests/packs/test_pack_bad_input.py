"""Bad input into pack datasets: unknown territory codes are stored and reported (refused
only where the pack requires them), an unknown layout or a period missing from the file
name is a bilingual error, nothing is stored."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from pack_homes import SAMPLES, ingest, installed, latest_rows, read_csv

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.periods import PeriodNotFoundError
from territoria.packs.registry import get_pack
from territoria.packs.transform import UnknownLayoutError
from territoria.services.instance import open_instance
from territoria.services.pack_ingesting import UnresolvedTerritoriesError, ingest_pack_file

SSMSI = SAMPLES / "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv"
ETAT_2010 = SAMPLES / "securite/etat4001-faits2010-par-departement.csv"


def _spoiled(path: Path, every: int = 33) -> tuple[Path, list[int]]:
    """The real SSMSI file with one row in ``every`` (~3 %) given an unknown département."""
    with SSMSI.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    spoiled = []
    for index in range(1, len(rows)):
        if index % every == 0:
            rows[index][2] = "99"
            spoiled.append(index + 1)  # physical row: the header is row 1
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    return path, spoiled


def _versions(settings: Settings, slug: str) -> int:
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return len(repo.list_versions(session, slug))
    finally:
        instance.close()


def test_three_percent_unknown_codes_are_stored_and_reported(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    path, spoiled = _spoiled(tmp_path / "ssmsi-spoiled.csv")
    assert 0.025 < len(spoiled) / 9898 < 0.035
    result = ingest(settings, path, "securite-ssmsi", quarantine=False)
    assert result.pack is not None
    report = result.pack["transform"]
    assert [u["rowNumber"] for u in report["unresolved"]] == spoiled
    assert {(u["value"], u["status"], u["fieldName"]) for u in report["unresolved"]} == {
        ("99", "unknown", "Code.département")
    }
    stored = latest_rows(settings, "securite-ssmsi")
    assert len(stored) == 9898  # not refused, nothing dropped
    assert [i + 2 for i, r in enumerate(stored) if r["territoire"] is None] == spoiled
    computed = result.pack["indicators"]
    assert any(i["code"] == "unresolved-territory" for i in computed["issues"])
    # France sums the rows that resolved, and only those
    raw = read_csv(path)
    kept = [r for i, r in enumerate(raw) if i + 2 not in spoiled]
    expected = sum(
        float(r["faits"])
        for r in kept
        if r["annee"] == "22" and r["classe"] == "Violences sexuelles"
    )
    france = [
        r
        for r in latest_rows(settings, "indicateurs-securite")
        if r["indicateur"] == "securite.faits"
        and r["territoire"] == "pays:FR"
        and r["periode"] == "2022"
        and r["classe"] == "Violences sexuelles"
    ]
    assert [r["valeur"] for r in france] == [expected]


def test_a_required_territory_column_refuses_the_file(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    path, spoiled = _spoiled(tmp_path / "ssmsi-spoiled.csv")
    role = get_pack("securite").datasets["ssmsi"]
    mapping = role.mappings[0]
    strict = mapping.model_copy(
        update={"territory": mapping.territory.model_copy(update={"required": True})}
    )
    required = dataclasses.replace(role, mappings=(strict,))
    with pytest.raises(UnresolvedTerritoriesError) as refused:
        ingest_pack_file(
            path, required, org_code=None, quarantine=True, options=ReadOptions(), settings=settings
        )
    assert refused.value.exit_code == 1 and refused.value.http_status == 422
    assert "non résolue" in str(refused.value) and "did not resolve" in str(refused.value)
    assert refused.value.details["transform"]["unresolvedCount"] == len(spoiled)
    assert _versions(settings, "securite-ssmsi") == 0


def test_a_file_of_no_known_layout_is_refused_in_both_languages(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    with pytest.raises(UnknownLayoutError) as refused:
        ingest(settings, SAMPLES / "dechets/trilib-paris-2018.csv", "securite-ssmsi")
    message = str(refused.value)
    assert "aucune publication connue" in message and "matches no known publication" in message
    assert "ssmsi-base-departementale" in message
    assert _versions(settings, "securite-ssmsi") == 0


def test_a_period_missing_from_the_file_name_is_a_clear_error(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    renamed = tmp_path / "etat4001-par-departement.csv"
    renamed.write_bytes(ETAT_2010.read_bytes())
    with pytest.raises(PeriodNotFoundError) as refused:
        ingest(settings, renamed, "securite-etat4001")
    assert refused.value.exit_code == 2
    assert "période introuvable" in str(refused.value) and "no period" in str(refused.value)
    assert _versions(settings, "securite-etat4001") == 0


def test_the_same_file_again_creates_nothing(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    first = ingest(settings, ETAT_2010, "securite-etat4001")
    again = ingest(settings, ETAT_2010, "securite-etat4001")
    assert first.created and not again.created
    assert _versions(settings, "securite-etat4001") == 1
    assert _versions(settings, "indicateurs-securite") == 1


def test_unreadable_periods_and_numbers_are_reported_cell_by_cell(tmp_path: Path) -> None:
    with SSMSI.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    rows[5][1] = "vingt"  # annee
    rows[9][7] = "12 faits"  # faits
    path = tmp_path / "ssmsi-cells.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    settings = installed(tmp_path / "home", "securite")
    result = ingest(settings, path, "securite-ssmsi", quarantine=False)
    assert result.pack is not None
    bad = result.pack["transform"]["badCells"]
    assert bad == [
        {"rowNumber": 6, "fieldName": "annee", "value": "vingt", "type": "period"},
        {"rowNumber": 10, "fieldName": "faits", "value": "12 faits", "type": "number"},
    ]
    stored = latest_rows(settings, "securite-ssmsi")
    assert stored[4]["periode"] is None and stored[8]["faits"] is None
    assert len(stored) == len(rows) - 1
