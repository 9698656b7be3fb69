"""Publication variants of a pack dataset beyond its bundled samples: a later edition with
renamed columns is recognised and gives the same tidy rows."""

from __future__ import annotations

from pathlib import Path

from pack_homes import SAMPLES, ingest, installed, latest_rows, read_csv

SSMSI = SAMPLES / "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv"


def test_the_2024_edition_of_the_ssmsi_base_is_a_known_variant(tmp_path: Path) -> None:
    """The base's later editions rename its columns (``indicateur``, ``nombre``,
    ``insee_pop``…) and write the year on 4 digits: the same figures come out."""
    header = (
        "Code_departement;Code_region;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;"
        "insee_pop;insee_pop_millesime;insee_log;insee_log_millesime"
    )
    raw = read_csv(SSMSI)[:500]
    lines = [header]
    for r in raw:
        cells = [r["Code.département"], r["Code.région"], f"20{r['annee']}", r["classe"]]
        cells += [r["unité.de.compte"], r["faits"], r["tauxpourmille"], r["POP"]]
        cells += [f"20{r['millPOP']}", r["LOG"], f"20{r['millLOG']}"]
        lines.append(";".join(cells))
    path = tmp_path / "donnee-dep-2024.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = installed(tmp_path / "home", "securite")
    result = ingest(settings, path, "securite-ssmsi", quarantine=False)
    assert result.pack is not None
    assert result.pack["transform"]["mapping"] == "ssmsi-base-departementale-2024"
    stored = latest_rows(settings, "securite-ssmsi")
    assert [(s["faits"], s["periode"], s["classe"]) for s in stored] == [
        (float(r["faits"]), f"20{r['annee']}", r["classe"]) for r in raw
    ]
