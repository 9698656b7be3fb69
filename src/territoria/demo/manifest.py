"""The files the demo loads: file, dataset slug, title, organisation, schema (None = inferred)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoFile:
    """One real public file and the dataset it becomes."""

    file: str  # relative to DATA_DIR
    slug: str
    title: str
    organisation: str  # SIREN or COG code
    schema: str | None = None

    @property
    def path(self) -> Path:
        """Absolute path of the bundled file."""
        return DATA_DIR / self.file


MANIFEST: tuple[DemoFile, ...] = (
    DemoFile(
        "subventions/scdl-subventions-exemple-valide.csv",
        "subventions-exemple-scdl",
        "Subventions — exemple valide du schéma SCDL",
        "130025265",
        "scdl/subventions",
    ),
    DemoFile(
        "subventions/scdl-haute-garonne-datalocale-subvention.csv",
        "subventions-haute-garonne",
        "Subventions du Département de la Haute-Garonne (SCDL)",
        "223100017",
        "scdl/subventions",
    ),
    DemoFile(
        "eau/fontaines-a-boire-paris-2021.csv",
        "fontaines-a-boire-paris",
        "Fontaines à boire — Paris (2021)",
        "217500016",
    ),
    DemoFile(
        "dechets/trilib-paris-2018.csv",
        "trilib-paris",
        "Stations Trilib' — Paris (2018)",
        "217500016",
    ),
    DemoFile(
        "prenoms/prenoms-naissance-carrieres-sous-poissy.csv",
        "prenoms-carrieres-sous-poissy",
        "Prénoms des naissances — Carrières-sous-Poissy",
        "217801240",
    ),
    DemoFile(
        "territoire/population-francaise-communes-reunion.csv",
        "population-communes-reunion",
        "Population des communes de La Réunion",
        "974",
    ),
    DemoFile(
        "securite/etat4001-faits2010-par-departement.csv",
        "crimes-delits-2010-departements",
        "Crimes et délits enregistrés par département (état 4001, 2010)",
        "110014016",
    ),
    DemoFile(
        "energie/evolution-des-prix-domestiques-du-gaz-et-de-lelectricite.csv",
        "prix-gaz-electricite",
        "Évolution des prix domestiques du gaz et de l'électricité",
        "110000000",
    ),
)
