"""Themes: the EU data themes (DCAT-AP's required vocabulary) and our verticals, each of
which narrows one EU theme so that a DCAT-AP export can always name an EU theme too."""

from __future__ import annotations

from territoria.catalog.vocabularies import Term, Vocabulary

EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
OUR_THEME = "urn:territoria:theme:"  # no domain of ours to mint http URIs under, yet

_EU = (
    (
        "AGRI",
        "Agriculture, pêche, sylviculture et alimentation",
        "Agriculture, fisheries, forestry and food",
        ("agriculture",),
    ),
    ("ECON", "Économie et finances", "Economy and finance", ("economie", "finances")),
    (
        "EDUC",
        "Éducation, culture et sport",
        "Education, culture and sport",
        ("education", "culture", "sport"),
    ),
    ("ENER", "Énergie", "Energy", ("energy",)),
    ("ENVI", "Environnement", "Environment", ("environment",)),
    (
        "GOVE",
        "Gouvernement et secteur public",
        "Government and public sector",
        ("gouvernement", "government", "secteur-public"),
    ),
    ("HEAL", "Santé", "Health", ("sante", "health")),
    ("INTR", "Questions internationales", "International issues", ("international",)),
    (
        "JUST",
        "Justice, système juridique et sécurité publique",
        "Justice, legal system and public safety",
        ("justice",),
    ),
    ("REGI", "Régions et villes", "Regions and cities", ("regions", "villes")),
    ("SOCI", "Population et société", "Population and society", ("societe", "society")),
    ("TECH", "Science et technologie", "Science and technology", ("science", "technologie")),
    ("TRAN", "Transports", "Transport", ("transport",)),
)

_OURS = (
    ("dechets", "Déchets", "Waste", "ENVI", ("waste", "dechet")),
    ("eau", "Eau et assainissement", "Water and sanitation", "ENVI", ("water",)),
    ("securite", "Sécurité et délinquance", "Security and crime", "JUST", ("security", "crime")),
    ("tourisme", "Tourisme", "Tourism", "ECON", ("tourism",)),
    ("energie", "Énergie et climat", "Energy and climate", "ENER", ("climat", "climate")),
    ("mobilite", "Mobilité", "Mobility", "TRAN", ("mobility", "mobilites")),
    ("budget", "Budget et comptes publics", "Budget and public accounts", "ECON", ()),
    ("subventions", "Subventions", "Grants", "ECON", ("grants", "subvention")),
    ("marches-publics", "Marchés publics", "Public procurement", "ECON", ("procurement",)),
    (
        "urbanisme",
        "Urbanisme et logement",
        "Urban planning and housing",
        "REGI",
        ("urban-planning", "logement", "housing"),
    ),
    (
        "population",
        "Population et état civil",
        "Population and civil registry",
        "SOCI",
        ("etat-civil", "prenoms"),
    ),
    ("emploi", "Emploi et insertion", "Employment", "ECON", ("employment",)),
)

THEMES = Vocabulary(
    "thématique",
    "theme",
    tuple(Term(i, fr, en, EU_THEME + i, aliases) for i, fr, en, aliases in _EU)
    + tuple(
        Term(i, fr, en, OUR_THEME + i, aliases, broader=EU_THEME + eu)
        for i, fr, en, eu, aliases in _OURS
    ),
)
