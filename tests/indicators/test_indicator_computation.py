"""compute() on real DuckDB: results columns, rows left out and reported, empty denominators,
old commune codes resolved upstream, and the SSMSI sample's published rates recomputed."""

from __future__ import annotations

from pathlib import Path

import duckdb
from indicator_fixtures import by_key, demo_specs, run

from territoria.geo.geography import geography
from territoria.geo.resolve import resolve_column
from territoria.indicators.computation import compute, result_schema
from territoria.indicators.loader import load_specs

GEO = geography()
SPECS = demo_specs()
SAMPLES = Path(__file__).parents[1] / "data" / "samples"
SSMSI = SAMPLES / "securite" / "donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv"


def test_results_have_the_contracts_columns_for_all_specs_together() -> None:
    rows = [
        {
            "territoire": "commune:2A004",
            "periode": "2022",
            "type": "verre",
            "tonnes": 5.0,
            "foyers": 2.0,
        }
    ]
    result = run(rows, SPECS.values(), GEO)
    assert result.table.schema == result_schema(["type"])
    assert result.table.column_names[:4] == ["indicateur", "territoire", "niveau", "periode"]
    assert set(result.table.column("indicateur").to_pylist()) == set(SPECS)
    levels = {(r["indicateur"], r["niveau"]) for r in result.table.to_pylist()}
    assert ("demo.tonnes", "epci") in levels and ("demo.tonnes", "pays") in levels
    ratio = [r for r in result.table.to_pylist() if r["indicateur"] == "demo.tonnes-par-foyer"]
    assert all(r["type"] is None for r in ratio)
    assert result.issues == []


def test_rows_outside_the_declared_level_or_granularity_are_left_out_and_reported() -> None:
    good = {"periode": "2022", "type": "verre", "tonnes": 1.0}
    rows = [
        {**good, "territoire": "commune:2A004"},
        {**good, "territoire": None},
        {**good, "territoire": "commune:99999"},
        {**good, "territoire": "departement:2A"},
        {**good, "territoire": "commune:2A004", "periode": "2022-03"},
        {**good, "territoire": "commune:2A004", "periode": "22"},
    ]
    result = run(rows, [SPECS["demo.tonnes"]], GEO)
    issues = {issue.code: issue for issue in result.issues}
    assert issues["unresolved-territory"].details["count"] == 1
    unknown = issues["unknown-territory"]
    assert unknown.details["count"] == 2
    assert set(unknown.details["examples"]) == {"commune:99999", "departement:2A"}
    periods = issues["undeclared-period-format"]
    assert periods.level == "WARNING" and periods.details["count"] == 2
    assert set(periods.details["examples"]) == {"2022-03", "22"}
    assert "demo.tonnes" in periods.details["indicators"]
    values = by_key(result, "demo.tonnes")
    assert values[("commune:2A004", "2022", "verre")]["numerateur"] == 1.0
    assert values[("pays:FR", "2022", "verre")]["numerateur"] == 1.0


def test_a_zero_or_missing_denominator_gives_a_null_value() -> None:
    rows = [
        {
            "territoire": "commune:2A004",
            "periode": "2022",
            "type": "verre",
            "tonnes": 5.0,
            "foyers": 0.0,
        },
        {
            "territoire": "commune:2A001",
            "periode": "2022",
            "type": "verre",
            "tonnes": 5.0,
            "foyers": None,
        },
    ]
    spec = SPECS["demo.tonnes-par-foyer"]
    values = by_key(run(rows, [SPECS["demo.tonnes"], spec], GEO), spec.id)
    for territory in ("commune:2A004", "commune:2A001", "departement:2A"):
        row = values[(territory, "2022", None)]
        assert row["valeur"] is None
    assert values[("departement:2A", "2022", None)]["numerateur"] == 10.0
    assert values[("commune:2A004", "2022", None)]["denominateur"] == 0.0
    assert values[("commune:2A001", "2022", None)]["denominateur"] is None


def test_a_missing_column_or_source_fails_that_spec_only(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE collecte AS SELECT 'commune:2A004' AS territoire, '2022' AS periode, "
        "'verre' AS type, 3.0 AS tonnes"
    )
    specs = [
        SPECS["demo.tonnes"],
        SPECS["demo.tonnes"].model_copy(update={"id": "demo.autre", "source": "absente"}),
        SPECS["demo.tonnes-par-foyer"],
    ]
    result = compute(con, specs, {"collecte": "collecte"}, geo=GEO)
    codes = {issue.details.get("indicator"): issue.code for issue in result.issues}
    assert codes == {"demo.autre": "missing-source", "demo.tonnes-par-foyer": "missing-column"}
    assert set(result.table.column("indicateur").to_pylist()) == {"demo.tonnes"}


def test_a_value_under_an_old_commune_code_lands_in_todays_commune_and_its_parents() -> None:
    merged = next(t for t in GEO if t.level == "commune" and t.old_codes and t.departement == "01")
    old = merged.old_codes[0]
    resolution = resolve_column([old], kind="commune")[0]
    assert resolution.territory_id == merged.id and resolution.status == "old-code"
    rows = [
        {"territoire": resolution.territory_id, "periode": "2022", "type": "verre", "tonnes": 7.0},
        {"territoire": f"commune:{old}", "periode": "2022", "type": "verre", "tonnes": 100.0},
    ]
    result = run(rows, [SPECS["demo.tonnes"]], GEO)
    values = by_key(result, "demo.tonnes")
    ancestors = {a.level: a.id for a in GEO.ancestors(merged.id)}
    for level in ("epci", "departement", "region", "pays"):
        assert values[(ancestors[level], "2022", "verre")]["numerateur"] == 7.0
    assert ancestors["departement"] == "departement:01" and ancestors["region"] == "region:84"
    assert (f"commune:{old}", "2022", "verre") not in values
    assert [i.details["examples"] for i in result.issues if i.code == "unknown-territory"] == [
        [f"commune:{old}"]
    ]


SSMSI_SPEC = """\
id: securite.taux-pour-mille
title: {fr: "Taux pour 1 000 habitants", en: "Rate per 1,000 inhabitants"}
unit: {fr: "pour 1 000 habitants", en: "per 1,000 inhabitants"}
kind: rate
source: ssmsi
territory: {column: territoire, level: departement}
period: {column: periode, granularity: year}
dimensions: [classe, unite_de_compte]
numerator: {column: faits}
denominator: {expr: "CASE WHEN classe = 'Cambriolages de logement' THEN log ELSE pop END"}
per: 1000
"""


def test_the_ssmsi_samples_published_rates_are_recomputed(tmp_path: Path) -> None:
    folder = tmp_path / "securite" / "indicators"
    folder.mkdir(parents=True)
    (folder / "taux-pour-mille.yaml").write_text(SSMSI_SPEC, encoding="utf-8")
    specs = load_specs([folder]).specs
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, delim=';', all_varchar=true)", [str(SSMSI)]
    )
    codes = con.execute('SELECT DISTINCT "Code.département" FROM raw').fetchall()
    resolved = resolve_column([c[0] for c in codes], kind="departement")
    con.execute("CREATE TABLE codes (code VARCHAR, territoire VARCHAR)")
    con.executemany(
        "INSERT INTO codes VALUES (?, ?)",
        [(c[0], r.territory_id) for c, r in zip(codes, resolved, strict=True)],
    )
    con.execute("""CREATE VIEW ssmsi AS SELECT c.territoire, '20' || annee AS periode, classe,
        "unité.de.compte" AS unite_de_compte, CAST(faits AS DOUBLE) AS faits,
        CAST(replace(POP, ',', '.') AS DOUBLE) AS pop,
        CAST(replace(LOG, ',', '.') AS DOUBLE) AS log,
        CAST(replace(tauxpourmille, ',', '.') AS DOUBLE) AS published
        FROM raw JOIN codes c ON raw."Code.département" = c.code""")
    result = compute(con, specs, {"ssmsi": "ssmsi"}, geo=GEO)
    assert result.issues == []
    con.register("results", result.table)
    checked, worst = con.execute(
        """SELECT count(*), max(abs(r.valeur - s.published)) FROM results r
        JOIN ssmsi s USING (territoire, periode, classe, unite_de_compte)"""
    ).fetchone()
    assert checked == con.execute("SELECT count(*) FROM ssmsi").fetchone()[0] > 9000
    assert worst < 1e-6
    sums: dict[tuple[str, str, str], list[float]] = {}
    for territoire, periode, classe, faits, den in con.execute(
        "SELECT territoire, periode, classe, faits, CASE WHEN classe = 'Cambriolages de logement' "
        "THEN log ELSE pop END FROM ssmsi"
    ).fetchall():
        region = next(a.id for a in GEO.ancestors(territoire) if a.level == "region")
        entry = sums.setdefault((region, periode, classe), [0.0, 0.0])
        entry[0] += faits
        entry[1] += den
    values = {(r["territoire"], r["periode"], r["classe"]): r for r in result.table.to_pylist()}
    for key, (faits, den) in sums.items():
        assert abs(values[key]["valeur"] - 1000 * faits / den) <= 1e-9 * values[key]["valeur"]
        assert values[key]["numerateur"] == faits
