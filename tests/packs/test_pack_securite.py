"""The sécurité pack end to end on the real SSMSI and État 4001 files: the official figures
(the published ``tauxpourmille``) recomputed, régions from summed parts, the unpivot."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from pack_homes import (
    SAMPLES,
    CopyOf,
    built_once,
    departement_id,
    french_number,
    latest_rows,
    read_csv,
    results_by_key,
)

from territoria.config import Settings

SSMSI = SAMPLES / "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv"
ETAT_2006 = SAMPLES / "securite/etat4001-faits2006-par-departement.csv"
ETAT_2010 = SAMPLES / "securite/etat4001-faits2010-par-departement.csv"
SLUG_4001 = "securite-etat4001"
RATE = "securite.taux-pour-mille"
DIMS = ("classe", "unite_de_compte")


@pytest.fixture(scope="module")
def securite(instance_copy: CopyOf) -> Settings:
    files = [(SSMSI, "securite-ssmsi"), (ETAT_2006, SLUG_4001), (ETAT_2010, SLUG_4001)]
    return built_once(instance_copy, "securite", files)[0]


def _denominator(row: dict[str, str]) -> float:
    column = "LOG" if row["classe"] == "Cambriolages de logement" else "POP"
    return french_number(row[column])


def _half_unit(text: str) -> float:
    """Half a unit of the last decimal written in ``text`` (``"2,25"`` → 0.005)."""
    exponent = Decimal(text.replace(",", ".")).as_tuple().exponent
    assert isinstance(exponent, int)
    return 0.5 * 10.0**exponent


def test_rate_per_thousand_equals_every_published_figure(securite: Settings) -> None:
    """Every département × year × indicator: our rate rounds to the published one at the
    published precision (its count of decimals)."""
    results = results_by_key(securite, "securite", RATE, DIMS)
    rows = read_csv(SSMSI)
    assert len(rows) == 9898
    for row in rows:
        key = (departement_id(row["Code.département"]), f"20{row['annee']}")
        found = results[(*key, row["classe"], row["unité.de.compte"])]
        published = float(row["tauxpourmille"].replace(",", "."))
        # half a unit of the rate's last published decimal, plus what the rounding of the
        # published denominator (LOG has 4 decimals) moves the quotient by
        column = "LOG" if row["classe"] == "Cambriolages de logement" else "POP"
        tolerance = _half_unit(row["tauxpourmille"])
        tolerance += published * _half_unit(row[column]) / _denominator(row) + 1e-12
        assert abs(found["valeur"] - published) <= tolerance, (row, found)
        assert found["numerateur"] == float(row["faits"])
        assert found["denominateur"] == pytest.approx(_denominator(row), rel=1e-12)


def test_region_rate_is_summed_facts_over_summed_denominators(securite: Settings) -> None:
    """A région's figure is Σfaits / Σdenominators × 1,000 over its départements (grouped by
    the file's own Code.région), never an average of their rates."""
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in read_csv(SSMSI):
        key = (f"region:{row['Code.région'].zfill(2)}", f"20{row['annee']}", row["classe"])
        sums[key][0] += float(row["faits"])
        sums[key][1] += _denominator(row)
        sums[key][2] += 1
    results = results_by_key(securite, "securite", RATE, DIMS)
    by_region = {(t, p, c): r for (t, p, c, _), r in results.items() if t.startswith("region:")}
    assert set(by_region) == set(sums)
    for key, (facts, denominator, count) in sums.items():
        found = by_region[key]
        assert found["valeur"] == pytest.approx(facts / denominator * 1000, rel=1e-12)
        assert found["numerateur"] == facts
        assert found["contributeurs"] == count
    idf = by_region[("region:11", "2022", "Cambriolages de logement")]
    assert idf["attendus"] == idf["contributeurs"] == 8


def test_france_counts_sum_every_departement(securite: Settings) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for row in read_csv(SSMSI):
        totals[(f"20{row['annee']}", row["classe"])] += float(row["faits"])
    facts = results_by_key(securite, "securite", "securite.faits", DIMS)
    for (period, classe), total in totals.items():
        unit = next(k[3] for k in facts if k[1] == period and k[2] == classe)
        assert facts[("pays:FR", period, classe, unit)]["valeur"] == total


def test_etat_4001_unpivots_103_indexes_by_96_departements(securite: Settings) -> None:
    """Each yearly file becomes 103 × 96 rows; the second adds its year to the first."""
    rows = latest_rows(securite, "securite-etat4001")
    assert len(rows) == 2 * 103 * 96
    assert {r["periode"] for r in rows} == {"2006", "2010"}
    assert all(r["territoire"] is not None for r in rows)


@pytest.mark.parametrize(("path", "year"), [(ETAT_2006, "2006"), (ETAT_2010, "2010")])
def test_etat_4001_cells_become_facts(securite: Settings, path: Path, year: str) -> None:
    raw = read_csv(path, encoding="cp1252")
    results = results_by_key(securite, "securite", "securite.faits-etat-4001", ("index_4001",))
    for row in raw:
        label = row["Faits"]
        for code, cell in row.items():
            if code == "Faits":
                continue
            found = results[(departement_id(code), year, label)]
            assert found["valeur"] == french_number(cell), (label, code)
    corse = sum(french_number(r["2A"]) + french_number(r["2B"]) for r in raw)
    region = [v for k, v in results.items() if k[0] == "region:94" and k[1] == year]
    assert sum(r["valeur"] for r in region) == corse
