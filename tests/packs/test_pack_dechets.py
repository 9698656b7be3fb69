"""The déchets pack end to end on the real ADEME SINOE and Trilib' files: kg per inhabitant
by waste type (départements and régions), drop-off points per 10,000 inhabitants in Paris."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from pack_homes import SAMPLES, CopyOf, built_once, read_csv, results_by_key

from territoria.config import Settings
from territoria.geo.geography import geography

SINOE = SAMPLES / "dechets/tonnage-decheterie-par-type-dechet-par-dept.csv"
TRILIB = SAMPLES / "dechets/trilib-paris-2018.csv"


@pytest.fixture(scope="module")
def dechets(instance_copy: CopyOf) -> Settings:
    files = [(SINOE, "dechets-sinoe"), (TRILIB, "dechets-points-apport")]
    return built_once(instance_copy, "dechets", files)[0]


def _population(territory: str) -> int:
    population = geography().get(territory).population
    assert population
    return population


def test_kg_per_inhabitant_by_departement_and_type(dechets: Settings) -> None:
    results = results_by_key(dechets, "dechets", "dechets.kg-par-habitant", ("type_dechet",))
    rows = read_csv(SINOE, delimiter=",")
    assert len(rows) == 5299
    for row in rows:
        territory = f"departement:{row['C_DEPT']}"
        found = results[(territory, row["ANNEE"], row["L_TYP_REG_DECHET"])]
        expected = float(row["TONNAGE_T"]) * 1000 / _population(territory)
        assert found["valeur"] == pytest.approx(expected, rel=1e-12), row


def test_region_kg_sums_tonnages_over_its_own_population(dechets: Settings) -> None:
    """The file's C_REGION says 97 for every overseas département: the région is the COG's."""
    tonnes: dict[tuple[str, str, str], float] = defaultdict(float)
    for row in read_csv(SINOE, delimiter=","):
        region = geography().get(f"departement:{row['C_DEPT']}").region
        key = (f"region:{region}", row["ANNEE"], row["L_TYP_REG_DECHET"])
        tonnes[key] += float(row["TONNAGE_T"])
    results = results_by_key(dechets, "dechets", "dechets.kg-par-habitant", ("type_dechet",))
    for key, total in tonnes.items():
        found = results[key]
        expected = total * 1000 / _population(key[0])
        assert found["valeur"] == pytest.approx(expected, rel=1e-12), key


def test_tonnages_of_france(dechets: Settings) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for row in read_csv(SINOE, delimiter=","):
        totals[(row["ANNEE"], row["L_TYP_REG_DECHET"])] += float(row["TONNAGE_T"])
    results = results_by_key(dechets, "dechets", "dechets.tonnages", ("type_dechet",))
    for (year, kind), total in totals.items():
        assert results[("pays:FR", year, kind)]["valeur"] == pytest.approx(total, rel=1e-12)


def test_trilib_containers_per_10000_inhabitants_of_paris(dechets: Settings) -> None:
    """Postal codes 750xx resolve to Paris (75056); one row per container, by waste type."""
    rows = read_csv(TRILIB)
    kinds = {"Can / Plastic": "Emballages", "CB": "Papiers-cartons", "Glass": "Verre"}
    counts = Counter(kinds[row["wastetype_designation"]] for row in rows)
    assert all(row["localisationfo_postalcode"].startswith("750") for row in rows)
    results = results_by_key(
        dechets, "dechets", "dechets.points-apport-pour-10000-habitants", ("type_dechet",)
    )
    paris = _population("commune:75056")
    for kind, count in counts.items():
        found = results[("commune:75056", "2018", kind)]
        assert found["numerateur"] == count
        assert found["valeur"] == pytest.approx(count / paris * 10000, rel=1e-12)
    region = results[("region:11", "2018", "Verre")]
    assert region["valeur"] == pytest.approx(counts["Verre"] / _population("region:11") * 10000)
