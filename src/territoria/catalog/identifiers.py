"""Checks of the identifiers metadata carries: SIREN numbers, COG territory ids, e-mails, URLs.

Each check returns the value normalised or raises a bilingual :class:`InvalidMetadataError`
naming the field, so that the CLI, the native API and a YAML file all refuse a value alike.
"""

from __future__ import annotations

import re

from territoria.errors import UserError

# the shape of each territory level's COG code (Corsica's 2A/2B, overseas 97x included);
# the codes themselves are checked against the COG by the geography, not here
TERRITORY_CODES = {
    "pays": r"[A-Z]{2}",
    "region": r"\d{2}",
    "departement": r"0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8]",  # no 20 since 1976
    "epci": r"\d{9}",
    "commune": r"\d{5}|2[AB]\d{3}",
    "iris": r"\d{9}|2[AB]\d{7}",
}
_TERRITORY = re.compile(r"(?P<level>[a-z]+):(?P<code>[0-9A-Za-z]+)(?:@(?P<vintage>\d{4}))?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
LA_POSTE_SIREN = "356000000"  # the one SIREN that fails Luhn (its digits sum to a multiple of 5)


class InvalidMetadataError(UserError):
    """A metadata value that does not have the expected shape."""

    code = "invalid-metadata"


def invalid(field: str, value: object, expected_fr: str, expected_en: str) -> InvalidMetadataError:
    """The error for ``value`` of ``field``, saying what was expected in both languages."""
    return InvalidMetadataError(
        f"Valeur invalide pour {field} : « {value} » ; attendu : {expected_fr}.",
        f"Invalid value for {field}: '{value}'; expected: {expected_en}.",
        details={"field": field, "value": str(value)},
    )


def luhn_ok(digits: str) -> bool:
    """Whether ``digits`` pass the Luhn checksum (what INSEE uses for SIREN and SIRET)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_siren(value: str, field: str = "siren") -> str:
    """A SIREN: 9 digits (spaces allowed) passing the Luhn check."""
    siren = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{9}", siren) or not (luhn_ok(siren) or siren == LA_POSTE_SIREN):
        raise invalid(
            field,
            value,
            "un SIREN de 9 chiffres valide (clé de Luhn)",
            "a valid 9-digit SIREN (Luhn check)",
        )
    return siren


def check_territory(value: str, field: str = "spatial") -> str:
    """A COG territory id ``level:code`` (``commune:75056``, ``departement:2A``, ``pays:FR``),
    optionally with its COG vintage (``commune:75056@2025``)."""
    text = value.strip()
    match = _TERRITORY.fullmatch(text)
    levels = ", ".join(TERRITORY_CODES)
    if match is not None and match["level"] in TERRITORY_CODES:
        code = match["code"].upper()  # 2a → 2A, fr → FR; digits unchanged
        if re.fullmatch(TERRITORY_CODES[match["level"]], code):
            vintage = f"@{match['vintage']}" if match["vintage"] else ""
            return f"{match['level']}:{code}{vintage}"
    raise invalid(
        field,
        value,
        f"un identifiant de territoire niveau:code ({levels}), p. ex. commune:75056",
        f"a territory id level:code ({levels}), e.g. commune:75056",
    )


def check_email(value: str, field: str = "contactEmail") -> str:
    """An e-mail address (one ``@``, a dotted domain, no spaces)."""
    text = value.strip()
    if not _EMAIL.fullmatch(text):
        raise invalid(field, value, "une adresse électronique", "an e-mail address")
    return text


def check_url(value: str, field: str = "landingPage") -> str:
    """An absolute ``http(s)://`` URL."""
    text = value.strip()
    if not _URL.fullmatch(text):
        raise invalid(field, value, "une URL http(s)://…", "an http(s)://… URL")
    return text
