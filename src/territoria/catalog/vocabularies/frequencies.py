"""Update frequencies: the EU frequency authority table, with French and common spellings."""

from __future__ import annotations

from territoria.catalog.vocabularies import Term, Vocabulary

EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"

_TERMS = (
    (
        "CONT",
        "En continu",
        "Continuous",
        ("continu", "continuous", "temps-reel", "real-time", "realtime"),
    ),
    ("HOURLY", "Toutes les heures", "Hourly", ("horaire", "hourly")),
    ("DAILY", "Quotidienne", "Daily", ("quotidien", "journalier", "journaliere", "daily")),
    ("WEEKLY", "Hebdomadaire", "Weekly", ("weekly",)),
    ("BIWEEKLY", "Toutes les deux semaines", "Biweekly", ("bimensuel", "biweekly")),
    ("MONTHLY", "Mensuelle", "Monthly", ("mensuel", "monthly")),
    ("BIMONTHLY", "Bimestrielle", "Bimonthly", ("bimestriel", "bimonthly")),
    ("QUARTERLY", "Trimestrielle", "Quarterly", ("trimestriel", "quarterly")),
    ("ANNUAL_2", "Semestrielle", "Semiannual", ("semestriel", "semiannual", "biannual")),
    ("ANNUAL", "Annuelle", "Annual", ("annuel", "annual", "annually", "yearly")),
    ("BIENNIAL", "Tous les deux ans", "Biennial", ("biennal", "biennale", "biennial")),
    ("TRIENNIAL", "Tous les trois ans", "Triennial", ("triennal", "triennale", "triennial")),
    ("IRREG", "Irrégulière", "Irregular", ("irregulier", "irregular", "ponctuel", "ponctuelle")),
    ("NEVER", "Jamais (données figées)", "Never", ("jamais", "never", "aucune")),
    ("OTHER", "Autre", "Other", ("autre", "other")),
    ("UNKNOWN", "Inconnue", "Unknown", ("inconnu", "unknown")),
)

FREQUENCIES = Vocabulary(
    "fréquence",
    "frequency",
    tuple(Term(i, fr, en, EU_FREQUENCY + i, aliases) for i, fr, en, aliases in _TERMS),
)
