"""``territoria packs`` and ``indicators compute`` from the command line, and the ingest
command routed to the pack (text and JSON); unknown pack or territory exit 2 in both
languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pack_homes import SAMPLES
from typer.testing import CliRunner

from territoria.cli.main import app

CONTRACT = {
    "securite.taux-pour-mille": ["classe", "unite_de_compte"],
    "dechets.kg-par-habitant": ["type_dechet"],
    "energie.mwh-par-habitant": ["filiere", "secteur"],
    "tourisme.taux-fonction-touristique": [],
    "eau.fontaines-pour-10000-habitants": [],
}


def _run(home: Path, *args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--home", str(home), *map(str, args)])
    return result.exit_code, result.output


def test_list_shows_the_five_packs_and_their_contract_indicators(tmp_path: Path) -> None:
    code, output = _run(tmp_path, "packs", "list", "--format", "json")
    assert code == 0, output
    packs = {p["id"]: p for p in json.loads(output)}
    assert set(packs) == {"securite", "dechets", "energie", "tourisme", "eau"}
    for indicator, dimensions in CONTRACT.items():
        pack = indicator.partition(".")[0]
        assert indicator in packs[pack]["indicators"]
        code, shown = _run(tmp_path, "packs", "show", pack, "--format", "json")
        spec = next(i for i in json.loads(shown)["indicators"] if i["id"] == indicator)
        assert spec["dimensions"] == dimensions


@pytest.mark.parametrize(
    ("args", "fr", "en"),
    [
        (("packs", "show", "voirie"), "pack inconnu", "unknown pack"),
        (("packs", "install", "voirie", "--territory", "pays:FR"), "pack inconnu", "unknown pack"),
        (("indicators", "compute", "--pack", "voirie"), "pack inconnu", "unknown pack"),
        (
            ("packs", "install", "eau", "--territory", "commune:99999"),
            "territoire inconnu",
            "unknown territory",
        ),
        (
            ("packs", "install", "eau", "--territory", "canton:12"),
            "",
            "",
        ),
        (("indicators", "compute", "--pack", "eau"), "n'est pas installé", "is not installed"),
    ],
)
def test_unknown_pack_or_territory_exits_2_in_both_languages(
    tmp_path: Path, args: tuple[str, ...], fr: str, en: str
) -> None:
    assert _run(tmp_path, "init")[0] == 0
    code, output = _run(tmp_path, *args)
    assert code == 2, output
    assert "Erreur" in output and "Error" in output
    assert fr in output and en in output


def test_install_then_ingest_routes_the_file_through_the_pack(tmp_path: Path) -> None:
    assert _run(tmp_path, "init")[0] == 0
    code, output = _run(tmp_path, "packs", "install", "securite", "--territory", "pays:FR")
    assert code == 0, output
    assert "securite-ssmsi" in output and "securite-etat4001" in output
    etat = SAMPLES / "securite/etat4001-faits2006-par-departement.csv"
    code, output = _run(tmp_path, "ingest", etat, "--dataset", "securite-etat4001")
    assert code == 0, output
    assert "etat4001-faits-par-departement" in output and "9888" in output
    assert "indicateurs-securite" in output
    code, output = _run(tmp_path, "indicators", "compute", "--format", "json")
    assert code == 0, output
    (report,) = json.loads(output)["packs"]
    assert report["pack"] == "securite" and report["waiting"] == ["ssmsi"]
    assert report["indicators"] == ["securite.faits-etat-4001"]
    assert report["created"] is False  # same sources, same results: no new version
    code, output = _run(tmp_path, "datasets", "show", "securite-etat4001", "--format", "json")
    assert code == 0, output
    assert json.loads(output)["schemaRef"] == "pack:securite/etat4001"
