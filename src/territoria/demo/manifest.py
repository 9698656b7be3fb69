"""The files the demo loads: file, dataset slug, title, organisation, schema (None = inferred),
and the catalogue metadata each dataset carries (from the file's SOURCE.md: publisher,
licence, coverage), so the demo's catalogue, search and facets look like a real portal's.

Files a pack also uses live once, in the pack's ``samples/`` folder (``root=PACKS_DIR``); the
packs the demo installs and the metadata of their datasets are listed in :data:`PACKS`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
PACKS_DIR = Path(__file__).resolve().parent.parent / "packs"


@dataclass(frozen=True)
class DemoFile:
    """One real public file and the dataset it becomes."""

    file: str  # relative to DATA_DIR
    slug: str
    title: str
    organisation: str  # SIREN or COG code
    schema: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False)
    root: Path = DATA_DIR

    @property
    def path(self) -> Path:
        """Absolute path of the bundled file."""
        return self.root / self.file


MANIFEST: tuple[DemoFile, ...] = (
    DemoFile(
        "subventions/scdl-subventions-exemple-valide.csv",
        "subventions-exemple-scdl",
        "Subventions — exemple valide du schéma SCDL",
        "130025265",
        "scdl/subventions",
        metadata={
            "description": "Fichier d'exemple **valide** du schéma national SCDL « Subventions » "
            "(conventions de subvention d'une commune). Source : schema.data.gouv.fr.",
            "license": "etalab-2.0",
            "themes": ["subventions"],
            "keywords": ["subventions", "SCDL", "associations"],
            "frequency": "never",
            "spatial": ["pays:FR"],
        },
    ),
    DemoFile(
        "subventions/scdl-haute-garonne-datalocale-subvention.csv",
        "subventions-haute-garonne",
        "Subventions du Département de la Haute-Garonne (SCDL)",
        "223100017",
        "scdl/subventions",
        metadata={
            "description": "Conventions de subvention publiées sur DataLocale (Haute-Garonne), "
            "au format SCDL subventions v1 — fichier réel, avec ses écarts au schéma.",
            "license": "etalab-2.0",
            "themes": ["subventions"],
            "keywords": ["subventions", "SCDL", "Haute-Garonne"],
            "frequency": "annual",
            "spatial": ["departement:31"],
        },
    ),
    DemoFile(
        "eau/samples/fontaines/fontaines-a-boire-paris-2021.csv",
        "fontaines-a-boire-paris",
        "Fontaines à boire — Paris (2021)",
        "217500016",
        metadata={
            "description": "Fontaines à boire de Paris (Eau de Paris) : type, modèle, adresse, "
            "disponibilité et position. Export d'opendata.paris.fr, 2021.",
            "license": "odbl",
            "themes": ["eau"],
            "keywords": ["fontaines", "eau potable", "Paris"],
            "frequency": "daily",
            "spatial": ["commune:75056"],
            "temporalStart": "2021-01-01",
            "temporalEnd": "2021-12-31",
        },
        root=PACKS_DIR,
    ),
    DemoFile(
        "dechets/samples/points-apport/trilib-paris-2018.csv",
        "trilib-paris",
        "Stations Trilib' — Paris (2018)",
        "217500016",
        metadata={
            "description": "Stations Trilib' de Paris (points d'apport volontaire des déchets "
            "recyclables) et taux de remplissage des conteneurs, relevé du 22 décembre 2018.",
            "license": "odbl",
            "themes": ["dechets"],
            "keywords": ["déchets", "tri", "recyclage", "Paris"],
            "frequency": "irregular",
            "spatial": ["commune:75056"],
            "temporalStart": "2018-12-22",
            "temporalEnd": "2018-12-22",
        },
        root=PACKS_DIR,
    ),
    DemoFile(
        "prenoms/prenoms-naissance-carrieres-sous-poissy.csv",
        "prenoms-carrieres-sous-poissy",
        "Prénoms des naissances — Carrières-sous-Poissy",
        "217801240",
        metadata={
            "description": "Prénoms des enfants nés à Carrières-sous-Poissy de 2018 à 2020 "
            "(format SCDL prénoms). Le fichier d'origine n'indique pas de licence.",
            "themes": ["SOCI"],
            "keywords": ["prénoms", "naissances", "état civil"],
            "frequency": "annual",
            "spatial": ["commune:78123"],
            "temporalStart": "2018-01-01",
            "temporalEnd": "2020-12-31",
        },
    ),
    DemoFile(
        "territoire/population-francaise-communes-reunion.csv",
        "population-communes-reunion",
        "Population des communes de La Réunion",
        "120027016",  # INSEE
        metadata={
            "description": "Populations légales INSEE des communes de La Réunion, plusieurs "
            "millésimes de recensement.",
            "license": "etalab-2.0",
            "themes": ["SOCI"],
            "keywords": ["population", "recensement", "La Réunion"],
            "frequency": "annual",
            "spatial": ["departement:974"],
        },
    ),
    DemoFile(
        "securite/samples/etat4001/etat4001-faits2010-par-departement.csv",
        "crimes-delits-2010-departements",
        "Crimes et délits enregistrés par département (état 4001, 2010)",
        "110014016",
        metadata={
            "description": "Ministère de l'Intérieur, « État 4001 » : crimes et délits "
            "enregistrés par la police et la gendarmerie, par catégorie et par département, 2010.",
            "license": "etalab-2.0",
            "themes": ["securite"],
            "keywords": ["délinquance", "crimes", "délits", "état 4001"],
            "frequency": "annual",
            "spatial": ["pays:FR"],
            "temporalStart": "2010-01-01",
            "temporalEnd": "2010-12-31",
        },
        root=PACKS_DIR,
    ),
    DemoFile(
        "energie/evolution-des-prix-domestiques-du-gaz-et-de-lelectricite.csv",
        "prix-gaz-electricite",
        "Évolution des prix domestiques du gaz et de l'électricité",
        "130026032",  # data.gouv.fr (DINUM)
        metadata={
            "description": "Évolution semestrielle des prix domestiques du gaz et de "
            "l'électricité en France et dans l'Union européenne (c€/kWh), data.gouv.fr.",
            "license": "etalab-2.0",
            "themes": ["energie"],
            "keywords": ["énergie", "prix", "électricité", "gaz"],
            "frequency": "semiannual",
            "spatial": ["pays:FR"],
        },
    ),
)

ORGANISATIONS: Mapping[str, str] = {
    "130025265": "Direction interministérielle du numérique (DINUM)",
    "223100017": "Département de la Haute-Garonne",
    "217500016": "Ville de Paris",
    "217801240": "Commune de Carrières-sous-Poissy",
    "120027016": "Institut national de la statistique et des études économiques (INSEE)",
    "110014016": "Ministère de l'Intérieur",
    "130026032": "data.gouv.fr (DINUM)",
    "385290309": "Agence de l'environnement et de la maîtrise de l'énergie (ADEME)",
    "340709211": "Atout France",
}
"""The publishers of the demo's files: SIREN → name."""


PACKS: Mapping[str, Mapping[str, Any]] = {
    "securite": {"license": "etalab-2.0", "publisher": "110014016"},
    "dechets": {"license": "etalab-2.0"},
    "energie": {"license": "etalab-2.0"},
    "tourisme": {"license": "etalab-2.0"},
    "eau": {"license": "odbl", "publisher": "217500016"},
}
"""The packs the demo installs for ``pays:FR`` (each ingests its ``samples/``), and the
metadata their datasets get (licence, publisher SIREN, from the samples' SOURCE.md)."""

PACK_DATASET_LICENCES: Mapping[str, str] = {"dechets-points-apport": "odbl"}
"""Pack datasets whose sample has another licence than the pack's (Paris open data: ODbL)."""

PACK_DATASET_PUBLISHERS: Mapping[str, str] = {
    "dechets-sinoe": "385290309",  # ADEME, SINOE
    "dechets-points-apport": "217500016",  # Ville de Paris, Trilib'
    "tourisme-hebergements": "340709211",  # Atout France, its classified accommodations
}
"""Pack datasets whose sample has its own publisher (SOURCE.md), when the pack has none."""
