"""A catalogue of real sample files with realistic metadata, for the metadata and search tests.

Titles and descriptions follow the publishers' own (see each sample's SOURCE.md); one dataset
is private, so that every search and facet test can check it never shows to anonymous callers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sample_ingest import ingest_sample

from territoria.config import Settings
from territoria.security.actor import ADMIN
from territoria.services.instance import init_instance
from territoria.services.metadata import edit_dataset

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
PARIS = {"code": "217500016", "name": "Ville de Paris", "territory": "commune:75056"}

CATALOGUE: tuple[tuple[str, str, str | None, str, dict[str, Any]], ...] = (
    ("eau/fontaines-a-boire-paris-2021.csv", "fontaines-paris", None, "public", {
        "title": "Fontaines à boire — Paris (2021)",
        "description": "Localisation des fontaines à boire de la Ville de Paris : eau potable "
        "gratuite, disponibilité et modèle de chaque fontaine.",
        "keywords": ["eau potable", "fontaine"], "themes": ["eau"], "license": "odbl",
        "publisher": PARIS, "spatial": ["commune:75056"], "frequency": "annuelle",
    }),
    ("eau/sanisettes-paris-2021.csv", "sanisettes-paris", None, "public", {
        "title": "Sanisettes — Paris (2021)",
        "description": "Toilettes publiques de la Ville de Paris, dont certaines avec un point "
        "d'eau.",
        "keywords": ["toilettes"], "themes": ["eau", "SOCI"], "license": "odbl",
        "publisher": PARIS, "spatial": ["commune:75056"],
    }),
    ("dechets/trilib-paris-2018.csv", "trilib-paris", None, "public", {
        "title": "Stations Trilib' — Paris (2018)",
        "description": "Stations de tri des déchets ménagers recyclables sur la voie publique.",
        "keywords": ["tri", "recyclage"], "themes": ["dechets"], "license": "odbl",
        "publisher": PARIS, "spatial": ["commune:75056"],
    }),
    ("dechets/tonnage-decheterie-par-type-dechet-par-dept.csv", "tonnages-decheteries", None,
     "public", {
        "title": "Tonnages collectés en déchèterie par type de déchet et par département",
        "description": "Enquête Collecte de l'ADEME : tonnages de déchets collectés.",
        "keywords": ["collecte"], "themes": ["dechets", "ENVI"], "license": "lov2",
        "publisher": {"code": "385290309", "name": "ADEME"}, "spatial": ["pays:FR"],
    }),
    ("subventions/scdl-haute-garonne-datalocale-subvention.csv", "subventions-31",
     "scdl/subventions", "public", {
        "title": "Subventions du Département de la Haute-Garonne (SCDL)",
        "description": "Subventions versées aux associations et organismes.",
        "keywords": ["associations"], "themes": ["subventions", "ECON"], "license": "lov2",
        "publisher": {"code": "223100017", "name": "Département de la Haute-Garonne",
                      "territory": "departement:31"},
        "spatial": ["departement:31"], "frequency": "annual",
    }),
    ("subventions/dep-vendee-subventions-conventions.xlsx", "subventions-vendee", None,
     "public", {
        "title": "Conventions de subvention — Département de la Vendée",
        "description": "Conventions signées avec les bénéficiaires de subventions.",
        "themes": ["subventions"], "license": "etalab-2.0",
        "publisher": {"code": "departement:85", "name": "Département de la Vendée"},
        "spatial": ["departement:85"],
    }),
    ("prenoms/prenoms-naissance-carrieres-sous-poissy.csv", "prenoms-prive", None, "private", {
        "title": "Prénoms des naissances — Carrières-sous-Poissy",
        "description": "Prénoms donnés aux enfants nés à Carrières-sous-Poissy (avant "
        "publication : eau de la fontaine municipale en note).",
        "keywords": ["prénoms", "fontaine"], "themes": ["population"], "license": "cc-by-4.0",
        "publisher": {"code": "217801240", "name": "Ville de Carrières-sous-Poissy"},
        "spatial": ["commune:78123"],
    }),
)  # fmt: skip


def build_catalogue(home: Path) -> Settings:
    """An instance holding :data:`CATALOGUE`, metadata set through the edit service."""
    settings = Settings(home=home)
    init_instance(settings).close()
    for file, slug, schema, visibility, metadata in CATALOGUE:
        ingest_sample(
            settings, SAMPLES / file, slug, schema=schema, org=None, visibility=visibility
        )
        edit_dataset(settings, slug, metadata, ADMIN)
    return settings
