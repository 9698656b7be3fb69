"""Indicator values as the contract shapes them, on results computed from the real SSMSI and
fontaines samples: figures equal the file's, régions recomputed from their départements,
coverage lists what is missing, filters and every bad input answer a clear error."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from computed_packs import SSMSI, TOKEN, computed_instance

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import geography
from territoria.security.actor import ADMIN
from territoria.services.indicator_results import NotComputedError, UnknownIndicatorError
from territoria.services.indicator_values import MAX_MISSING, indicator_values
from territoria.services.metadata import edit_dataset

RATE = "securite.taux-pour-mille"


@pytest.fixture(scope="module")
def settings(instance_copy: Callable[[str, Callable[[Path], object]], Path]) -> Settings:
    """This module's copy of the computed instance, built once per run (its tests edit it)."""
    return Settings(
        home=instance_copy("computed-packs-services", computed_instance), admin_token=TOKEN
    )


def _ssmsi_faits() -> dict[tuple[str, str, str, str], float]:
    """(département id, year, classe, unité de compte) → faits, read with the csv module."""
    with SSMSI.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source, delimiter=";"))
    return {
        (
            f"departement:{r['Code.département'].zfill(2)}",
            f"20{r['annee']}",
            r["classe"],
            r["unité.de.compte"],
        ): float(r["faits"])
        for r in rows
        if r["faits"] not in ("", "NA")
    }


def test_contract_shape_and_figures_of_the_file(settings: Settings) -> None:
    answer = indicator_values(settings, RATE, territory="departement:2a", period="2022")
    assert answer["indicator"] == RATE and set(answer["unit"]) == {"fr", "en"}
    faits = _ssmsi_faits()
    expected = {k for k in faits if k[0] == "departement:2A" and k[1] == "2022"}
    assert len(answer["results"]) == len(expected) == answer["total"]
    for result in answer["results"]:
        assert set(result) == {
            "territory", "period", "value", "numerator", "denominator", "dimensions", "coverage"
        }  # fmt: skip
        assert (result["territory"], result["period"]) == ("departement:2A", "2022")
        dims = result["dimensions"]
        assert set(dims) == {"classe", "unite_de_compte"}
        key = ("departement:2A", "2022", dims["classe"], dims["unite_de_compte"])
        assert result["numerator"] == faits[key]
        assert result["value"] == pytest.approx(result["numerator"] / result["denominator"] * 1000)
        assert result["coverage"] == {
            "contributing": 1, "expected": 1, "missing": [], "missingCount": 0
        }  # fmt: skip


def test_regions_are_recomputed_from_their_departements(settings: Settings) -> None:
    geo = geography()
    cambriolages = {"classe": "Cambriolages de logement"}
    deps = indicator_values(
        settings, RATE, level="departement", period="2022", dimensions=cambriolages
    )
    regions = indicator_values(
        settings, RATE, level="region", period="2022", dimensions=cambriolages
    )
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for result in deps["results"]:
        region = f"region:{geo.by_id[result['territory']].region}"
        sums[region][0] += result["numerator"]
        sums[region][1] += result["denominator"]
    assert {r["territory"] for r in regions["results"]} == set(sums)
    for result in regions["results"]:
        numerator, denominator = sums[result["territory"]]
        assert result["numerator"] == pytest.approx(numerator)
        assert result["value"] == pytest.approx(numerator / denominator * 1000)
        assert all(
            r["dimensions"]["classe"] == "Cambriolages de logement" for r in regions["results"]
        )


def test_coverage_names_the_missing_sub_territories(settings: Settings) -> None:
    geo = geography()
    france = indicator_values(settings, RATE, territory="pays:FR", period="2022")["results"]
    with_data = {
        r["territory"]
        for r in indicator_values(settings, RATE, level="departement", period="2022")["results"]
    }
    missing = sorted(t.id for t in geo if t.level == "departement" and t.id not in with_data)
    for result in france:
        coverage = result["coverage"]
        assert coverage["missing"] == missing[:MAX_MISSING]
        assert coverage["missingCount"] == len(missing)
        assert coverage["expected"] - coverage["contributing"] == len(missing)
    fountains = indicator_values(
        settings, "eau.fontaines-pour-10000-habitants", territory="epci:200054781"
    )
    (paris_metropole,) = fountains["results"]
    coverage = paris_metropole["coverage"]
    assert len(coverage["missing"]) == MAX_MISSING < coverage["missingCount"]
    assert coverage["missingCount"] == coverage["expected"] - coverage["contributing"]
    assert "commune:75056" not in coverage["missing"]


def test_bad_input_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(UnknownIndicatorError) as unknown:
        indicator_values(settings, "securite.nope")
    assert unknown.value.http_status == 404 and "securite.nope" in unknown.value.message_en
    assert RATE in unknown.value.details["known"]
    with pytest.raises(UserError) as territory:
        indicator_values(settings, RATE, territory="departement:00")
    assert territory.value.http_status == 404 and "departement:00" in territory.value.message_en
    with pytest.raises(UserError) as malformed:
        indicator_values(settings, RATE, territory="nowhere")
    assert malformed.value.http_status == 400
    with pytest.raises(UserError, match="has no dimension couleur"):
        indicator_values(settings, RATE, dimensions={"couleur": "bleu"})
    with pytest.raises(UserError, match="unknown level 'canton'"):
        indicator_values(settings, RATE, level="canton")
    with pytest.raises(NotComputedError) as waiting:
        indicator_values(settings, "energie.mwh-par-habitant")
    assert waiting.value.http_status == 409 and "indicators compute" in waiting.value.hint_en
    assert indicator_values(settings, RATE, period="1999")["results"] == []


def test_private_results_are_read_by_those_who_may(settings: Settings, tmp_path: Path) -> None:
    edit_dataset(settings, "indicateurs-eau", {"visibility": "private"}, ADMIN)
    try:
        with pytest.raises(NotComputedError):
            indicator_values(settings, "eau.fontaines-pour-10000-habitants")
        seen = indicator_values(settings, "eau.fontaines-pour-10000-habitants", actor=ADMIN)
        assert {r["territory"] for r in seen["results"]} >= {"commune:75056", "pays:FR"}
    finally:
        edit_dataset(settings, "indicateurs-eau", {"visibility": "public"}, ADMIN)


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(settings.home), *args]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_indicators_show_on_the_command_line(settings: Settings) -> None:
    args = ("indicators", "show", RATE, "--territory", "departement:2A", "--peers", "region")
    done = _cli(settings, *args, "--period", "2022")
    assert done.returncode == 0, done.stderr
    assert "départements de la région Corse (2)" in done.stdout
    assert "Avec 1,40 pour 1 000 habitants ou logements, le département se situe" in done.stdout
    assert "With 1.40 per 1,000 inhabitants or dwellings, the département is" in done.stdout
    data = json.loads(_cli(settings, *args, "--format", "json").stdout)
    assert data["peers"]["size"] == 2 and data["comparisons"][0]["period"] == "2022"
    bad = _cli(settings, "indicators", "show", RATE, "--territory", "departement:00")
    assert bad.returncode == 2 and "departement:00" in bad.stderr and "Traceback" not in bad.stderr
