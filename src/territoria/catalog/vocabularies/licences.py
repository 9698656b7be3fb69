"""Licences of open data in France: the two the law allows public bodies (Licence Ouverte
2.0, ODbL — décret n° 2017-638) and the Creative Commons / Open Data Commons ones reusers meet."""

from __future__ import annotations

from territoria.catalog.vocabularies import Term, Vocabulary

LICENCES = Vocabulary(
    "licence",
    "licence",
    (
        Term(
            "etalab-2.0",
            "Licence Ouverte / Open Licence version 2.0",
            "Open Licence version 2.0 (Etalab)",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            (
                "lov2",
                "lo-2.0",
                "lo2",
                "licence-ouverte",
                "licence-ouverte-2.0",
                "etalab",
                "open-licence-2.0",
                "fr-lo",
                "etalab-licence-ouverte-2.0",
            ),
        ),
        Term(
            "etalab-1.0",
            "Licence Ouverte / Open Licence version 1.0",
            "Open Licence version 1.0 (Etalab)",
            "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
            ("lov1", "lo-1.0", "licence-ouverte-1.0", "fr-lo-1.0"),
        ),
        Term(
            "odbl-1.0",
            "Open Database License (ODbL) 1.0",
            "Open Database License (ODbL) 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            ("odbl", "odc-odbl", "open-database-license"),
        ),
        Term(
            "odc-by-1.0",
            "Open Data Commons Attribution License 1.0",
            "Open Data Commons Attribution License 1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
            ("odc-by",),
        ),
        Term(
            "pddl-1.0",
            "Open Data Commons Public Domain Dedication and License 1.0",
            "Open Data Commons Public Domain Dedication and License 1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            ("pddl", "odc-pddl"),
        ),
        Term(
            "cc-by-4.0",
            "Creative Commons Attribution 4.0 International",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
            ("cc-by", "cc-by-4", "cc-by 4.0"),
        ),
        Term(
            "cc-by-sa-4.0",
            "Creative Commons Attribution - Partage dans les mêmes conditions 4.0 International",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            ("cc-by-sa", "cc-by-sa-4"),
        ),
        Term(
            "cc0-1.0",
            "Creative Commons Zero 1.0 Universel (domaine public)",
            "Creative Commons Zero 1.0 Universal (public domain)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            ("cc0", "cc-0", "cc-zero", "domaine-public", "public-domain"),
        ),
    ),
)
