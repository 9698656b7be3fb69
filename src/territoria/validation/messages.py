"""Titles and message templates of every validation error type, in French and English.

Types, placeholders and meaning are frictionless' so that Validata users recognise them; the
French wording comes first because the people who fix the files read French.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorKind:
    """One error type: stable slug, tags, and a title and template per language."""

    type: str
    tags: tuple[str, ...]
    title_fr: str
    title_en: str
    template_fr: str
    template_en: str


_ROW = ("#table", "#row")
_CELL = ("#table", "#row", "#cell")
_LABEL = ("#table", "#header", "#label")

KINDS: dict[str, ErrorKind] = {
    kind.type: kind
    for kind in [
        ErrorKind(
            "blank-label",
            _LABEL,
            "En-tête vide",
            "Blank Label",
            "L'en-tête de la colonne {fieldNumber} est vide : nommez-la « {fieldName} ».",
            'Label in the header in field at position "{fieldNumber}" is blank',
        ),
        ErrorKind(
            "duplicate-label",
            _LABEL,
            "En-tête en double",
            "Duplicate Label",
            "L'en-tête « {label} » de la colonne {fieldNumber} apparaît déjà : {note}.",
            'Label "{label}" in the header at position "{fieldNumber}" is duplicated '
            "to a label: {note}",
        ),
        ErrorKind(
            "incorrect-label",
            _LABEL,
            "En-tête incorrect",
            "Incorrect Label",
            "L'en-tête « {label} » de la colonne {fieldNumber} devrait être « {fieldName} ».",
            'Label "{label}" in field {fieldName} at position "{fieldNumber}" does not match '
            "the field name in the schema",
        ),
        ErrorKind(
            "extra-label",
            _LABEL,
            "Colonne en trop",
            "Extra Label",
            "La colonne « {label} » (position {fieldNumber}) n'existe pas dans le schéma.",
            'There is an extra label "{label}" in header at position "{fieldNumber}"',
        ),
        ErrorKind(
            "missing-label",
            _LABEL,
            "Colonne manquante",
            "Missing Label",
            "La colonne « {fieldName} » du schéma est absente du fichier (position {fieldNumber}).",
            'There is a missing label in the header\'s field "{fieldName}" at position '
            '"{fieldNumber}"',
        ),
        ErrorKind(
            "blank-header",
            ("#table", "#header"),
            "En-tête vide",
            "Blank Header",
            "La ligne d'en-tête est entièrement vide.",
            "Header is completely blank",
        ),
        ErrorKind(
            "unmatched-header",
            ("#table", "#header"),
            "En-tête sans correspondance",
            "Unmatched Header",
            "Aucune colonne du schéma n'est présente dans l'en-tête.",
            "None of the fields defined in the schema is present in the header",
        ),
        ErrorKind(
            "blank-row",
            _ROW,
            "Ligne vide",
            "Blank Row",
            "La ligne {rowNumber} est entièrement vide.",
            'Row at position "{rowNumber}" is completely blank',
        ),
        ErrorKind(
            "extra-cell",
            _CELL,
            "Cellule en trop",
            "Extra Cell",
            "La ligne {rowNumber} a une valeur en trop en position {fieldNumber}.",
            'Row at position "{rowNumber}" has an extra value in field at position "{fieldNumber}"',
        ),
        ErrorKind(
            "missing-cell",
            _CELL,
            "Cellule manquante",
            "Missing Cell",
            "La ligne {rowNumber} n'a pas de cellule pour la colonne « {fieldName} » "
            "(position {fieldNumber}).",
            'Row at position "{rowNumber}" has a missing cell in field "{fieldName}" at '
            'position "{fieldNumber}"',
        ),
        ErrorKind(
            "type-error",
            _CELL,
            "Format incorrect",
            "Type Error",
            "La valeur « {cell} » (ligne {rowNumber}, colonne « {fieldName} ») n'est pas "
            "du type attendu : {note}.",
            'Type error in the cell "{cell}" in row "{rowNumber}" and field "{fieldName}" at '
            'position "{fieldNumber}": {note}',
        ),
        ErrorKind(
            "constraint-error",
            _CELL,
            "Contrainte non respectée",
            "Constraint Error",
            "La valeur « {cell} » (ligne {rowNumber}, colonne « {fieldName} ») ne respecte "
            "pas une contrainte : {note}.",
            'The cell "{cell}" in row at position "{rowNumber}" and field "{fieldName}" at '
            'position "{fieldNumber}" does not conform to a constraint: {note}',
        ),
        ErrorKind(
            "unique-error",
            _CELL,
            "Valeur en double",
            "Unique Error",
            "La ligne {rowNumber} répète une valeur qui doit être unique dans la colonne "
            "« {fieldName} » : {note}.",
            'Row at position "{rowNumber}" has unique constraint violation in field '
            '"{fieldName}" at position "{fieldNumber}": {note}',
        ),
        ErrorKind(
            "primary-key",
            _ROW,
            "Clé primaire",
            "Primary Key Error",
            "La ligne {rowNumber} viole la clé primaire : {note}.",
            'Row at position "{rowNumber}" violates the primary key: {note}',
        ),
    ]
}

TYPE_NOTE_FR = "le type attendu est « {type}/{format} »"
TYPE_NOTE_EN = 'type is "{type}/{format}"'
CONSTRAINT_NOTE_FR = "la contrainte « {name} » vaut « {value} »"
CONSTRAINT_NOTE_EN = 'constraint "{name}" is "{value}"'
SAME_AS_FR = "identique à la ligne {row}"
SAME_AS_EN = "the same as in the row at position {row}"
PK_ALL_NULL_FR = "toutes les cellules de la clé primaire sont vides"
PK_ALL_NULL_EN = 'cells composing the primary keys are all "None"'
DUPLICATE_AT_FR = "position {positions}"
DUPLICATE_AT_EN = 'at position "{positions}"'
