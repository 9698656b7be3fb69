"""How to fix each validation error type, in plain French then English, keyed by its slug.

The report says what is wrong (:mod:`~territoria.validation.messages`); these say what to do
in the spreadsheet, for the agent who prepared the file rather than for a developer. Every
type of :data:`~territoria.validation.messages.KINDS` has its fix (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """What to do about one error type, in each language."""

    fr: str
    en: str

    def text(self, lang: str) -> str:
        """The fix in ``lang`` (French unless English is asked)."""
        return self.en if lang == "en" else self.fr


FIXES: dict[str, Fix] = {
    "blank-label": Fix(
        "Donnez un nom à chaque colonne sur la ligne d'en-tête, ou supprimez la colonne vide.",
        "Give every column a name in the header row, or delete the empty column.",
    ),
    "duplicate-label": Fix(
        "Deux colonnes portent le même nom : renommez ou supprimez l'une d'elles.",
        "Two columns have the same name: rename or delete one of them.",
    ),
    "incorrect-label": Fix(
        "Renommez l'en-tête de la colonne exactement comme le schéma le demande "
        "(majuscules et accents compris), ou remettez les colonnes dans l'ordre du schéma.",
        "Rename the column's header exactly as the schema asks (case and accents included), "
        "or put the columns back in the schema's order.",
    ),
    "extra-label": Fix(
        "Supprimez cette colonne, que le schéma ne prévoit pas, ou choisissez le bon schéma.",
        "Delete this column, which the schema does not define, or choose the right schema.",
    ),
    "missing-label": Fix(
        "Ajoutez la colonne manquante avec l'en-tête du schéma (elle peut rester vide si le "
        "champ n'est pas obligatoire).",
        "Add the missing column with the schema's header (it may stay empty when the field "
        "is not required).",
    ),
    "blank-header": Fix(
        "La ligne d'en-tête est vide : indiquez à l'étape « Détection » la ligne qui porte "
        "les noms des colonnes, ou ajoutez-la en haut du fichier.",
        "The header row is empty: give the row holding the column names in the "
        "'Detection' step, or add it at the top of the file.",
    ),
    "unmatched-header": Fix(
        "Aucune colonne ne correspond au schéma : vérifiez le schéma choisi, le séparateur et "
        "la ligne d'en-tête détectés.",
        "No column matches the schema: check the chosen schema, and the detected delimiter "
        "and header row.",
    ),
    "blank-row": Fix(
        "Supprimez la ligne vide (elle ne sera pas publiée, mais elle est signalée).",
        "Delete the empty row (it will not be published, but it is reported).",
    ),
    "extra-cell": Fix(
        "La ligne a plus de valeurs que d'en-têtes : un séparateur en trop ou un texte "
        "contenant le séparateur sans guillemets. Retirez la valeur ou mettez le texte entre "
        "guillemets.",
        "The row has more values than headers: an extra delimiter, or a text holding the "
        "delimiter without quotes. Remove the value or quote the text.",
    ),
    "missing-cell": Fix(
        "La ligne a moins de valeurs que d'en-têtes : ajoutez les séparateurs manquants pour "
        "que chaque colonne ait sa cellule (même vide).",
        "The row has fewer values than headers: add the missing delimiters so that every "
        "column has its cell (even empty).",
    ),
    "type-error": Fix(
        "Écrivez la valeur au format attendu par la colonne (par exemple un nombre sans unité "
        "ni texte, une date AAAA-MM-JJ), ou corrigez le type de la colonne à l'étape "
        "« Détection ».",
        "Write the value in the column's expected format (for instance a number without unit "
        "or text, a date as YYYY-MM-DD), or correct the column's type in the 'Detection' step.",
    ),
    "constraint-error": Fix(
        "La valeur sort de ce que le schéma accepte (champ obligatoire vide, liste de valeurs "
        "permises, motif, minimum ou maximum) : corrigez-la d'après la documentation du champ.",
        "The value is outside what the schema accepts (required field left empty, list of "
        "allowed values, pattern, minimum or maximum): correct it from the field's "
        "documentation.",
    ),
    "unique-error": Fix(
        "Cette valeur doit être unique dans la colonne : supprimez la ligne en double ou "
        "corrigez la valeur.",
        "This value must be unique in the column: delete the duplicate row or correct the value.",
    ),
    "primary-key": Fix(
        "L'identifiant de la ligne (clé primaire) est vide ou répété : donnez à chaque ligne "
        "un identifiant propre.",
        "The row's identifier (primary key) is empty or repeated: give every row its own "
        "identifier.",
    ),
}

GENERIC = Fix(
    "Corrigez la cellule signalée dans le fichier, puis déposez-le à nouveau.",
    "Correct the reported cell in the file, then upload it again.",
)


def fix_for(error_type: str) -> Fix:
    """The fix of ``error_type`` (a generic one for a type this catalogue does not know)."""
    return FIXES.get(error_type, GENERIC)
