"""The rules the portal's home and catalogue show: schema conformity, featured datasets,
headline figures (totals only when they add up), page numbers."""

from __future__ import annotations

from typing import Any

import pytest

from territoria.errors import UserError
from territoria.services.catalogue_pages import page_number
from territoria.services.featured_datasets import is_featured
from territoria.services.headline_indicators import headline_figure, home_territory
from territoria.services.indicator_results import find_indicator
from territoria.services.schema_conformity import schema_conformity

NATIONAL = "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json"


def _meta(slug: str = "x", schema: str | None = None, invalid: int | None = 0) -> dict[str, Any]:
    latest = None if invalid is None else {"rows": 10, "invalidRows": invalid}
    url = NATIONAL if schema == "scdl/subventions" else None
    return {"slug": slug, "schemaRef": schema, "conformsTo": url, "latestVersion": latest}


@pytest.mark.parametrize(
    ("meta", "status", "featured"),
    [
        (_meta(schema="scdl/subventions"), "conforms", True),
        (_meta(schema="scdl/subventions", invalid=3), "rows-set-aside", False),
        (_meta(schema="scdl/subventions", invalid=None), "no-data", False),
        (_meta(schema="pack:dechets/sinoe"), "conforms", False),  # not a pack installed here
        (_meta(slug="dechets-sinoe", schema="pack:dechets/sinoe"), "conforms", True),
        (_meta(), "no-schema", False),
    ],
)
def test_conformity_and_featured_rule(meta: dict[str, Any], status: str, featured: bool) -> None:
    assert schema_conformity(meta)["status"] == status
    assert is_featured(meta, {"dechets-sinoe"}) is featured


def test_headline_totals_only_what_adds_up() -> None:
    rate = find_indicator("dechets.kg-par-habitant")  # kg per inhabitant by waste type
    rows = [
        {"valeur": 10.0, "numerateur": 1000.0, "denominateur": 100.0},
        {"valeur": 5.0, "numerateur": 500.0, "denominateur": 100.0},
    ]
    assert headline_figure(rate, rows) == (15.0, True)
    by_unit = find_indicator("securite.taux-pour-mille")  # per inhabitant or per dwelling
    mixed = [{**rows[0], "denominateur": 100.0}, {**rows[1], "denominateur": 40.0}]
    assert headline_figure(by_unit, mixed) is None
    crossed = find_indicator("securite.faits")  # offences, victims, vehicles: no total
    assert headline_figure(crossed, [{"valeur": 3.0}, {"valeur": 4.0}]) is None
    one_breakdown = find_indicator("securite.faits-etat-4001")
    assert headline_figure(one_breakdown, [{"valeur": 3.0}, {"valeur": 4.0}]) == (7.0, True)
    plain = find_indicator("tourisme.taux-fonction-touristique")
    assert headline_figure(plain, [{"valeur": 6.5}]) == (6.5, False)


def test_home_territory_and_page_numbers() -> None:
    installed = [{"pack": "eau", "territory": "pays:FR"}]
    assert home_territory("departement:2A", installed) == "departement:2A"
    assert home_territory(None, installed) == "pays:FR"
    assert home_territory(None, []) is None
    assert page_number(None) == page_number("") == 1
    assert page_number("3") == 3
    for bad in ("0", "-1", "deux", "1.5"):
        with pytest.raises(UserError):
            page_number(bad)
