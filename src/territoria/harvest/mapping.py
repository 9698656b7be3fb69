"""A remote dataset's metadata mapped field by field onto ours, through the catalogue's own
checks and vocabularies: a value our vocabularies do not know is kept where a free field
takes it (an unknown theme becomes a keyword) and reported otherwise, never a crash."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from territoria.catalog.changes import normalise_changes
from territoria.catalog.conformance import SCHEMA_SITE, SITE_PATHS
from territoria.catalog.slugs import slug_from_filename
from territoria.catalog.vocabularies import spelling_key
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import THEMES
from territoria.errors import UserError
from territoria.harvest.remote import RemoteDataset

_SIREN = re.compile(r"\d{9}")
# spellings met on Opendatasoft and CKAN portals → our licence ids (keys: spelling_key)
REMOTE_LICENCES = {
    "licence-ouverte-v2-0-etalab": "etalab-2.0",
    "licence-ouverte-v2-0": "etalab-2.0",
    "open-licence-v2-0-etalab": "etalab-2.0",
    "licence-ouverte-etalab": "etalab-1.0",
    "licence-ouverte-open-licence": "etalab-1.0",
    "http-www-etalab-gouv-fr-pages-licence-ouverte-open-licence-5899923-html": "etalab-1.0",
    "https-www-etalab-gouv-fr-licence-ouverte-open-licence": "etalab-2.0",
    "odc-odbl": "odbl-1.0",
    "open-database-license-odbl": "odbl-1.0",
    "cc-by": "cc-by-4.0",
    "cc-zero": "cc0-1.0",
}
# ISO 19115 maintenance frequencies (INSPIRE records harvested into CKAN) → EU frequencies
ISO_FREQUENCIES = {
    "continual": "CONT", "daily": "DAILY", "weekly": "WEEKLY", "fortnightly": "BIWEEKLY",
    "monthly": "MONTHLY", "quarterly": "QUARTERLY", "biannually": "ANNUAL_2",
    "annually": "ANNUAL", "asneeded": "IRREG", "irregular": "IRREG", "notplanned": "NEVER",
    "unknown": "UNKNOWN",
}  # fmt: skip


@dataclass
class Mapped:
    """The changes to apply (keys of ``catalog.changes.FIELDS``), the bundled schema the
    data declares, and what could not be carried over, in both languages."""

    changes: dict[str, Any] = field(default_factory=dict)
    schema: str | None = None
    notes: list[str] = field(default_factory=list)


def bundled_schema(url: str | None) -> str | None:
    """The bundled schema a ``conformsTo`` URL names (schema.data.gouv.fr), or None."""
    if not url:
        return None
    for name, template in SITE_PATHS.items():
        if url.startswith(SCHEMA_SITE + template.split("{v}", 1)[0]):
            return name
    return None


def publisher_code(name: str) -> str:
    """An organisation code for a remote publisher known by its name only: its SIREN if the
    name is one, else the name as a slug (``Ville de Paris`` → ``ville-de-paris``)."""
    text = name.strip()
    return text if _SIREN.fullmatch(text) else slug_from_filename(text + ".x")[:30].strip("-")


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _candidates(remote: RemoteDataset, org: str | None) -> dict[str, Any]:
    themes: list[str] = []
    free_themes: list[str] = []
    for theme in remote.themes:
        (themes if THEMES.get(theme) else free_themes).append(theme)
    publisher: Any = remote.publisher_spec or (
        {"code": publisher_code(remote.publisher), "name": remote.publisher}
        if remote.publisher and publisher_code(remote.publisher)
        else org
    )
    keywords = list(dict.fromkeys([*remote.keywords, *free_themes]))
    return {
        "title": remote.title,
        "description": remote.description,
        "keywords": keywords,
        "themes": [THEMES.resolve(t).id for t in themes],
        "license": licence_value(remote.license, remote.license_url),
        "frequency": ISO_FREQUENCIES.get((remote.frequency or "").lower(), remote.frequency),
        "spatial": remote.spatial,
        "temporalStart": _date(remote.temporal_start),
        "temporalEnd": _date(remote.temporal_end),
        "contactName": remote.contact_name,
        "contactEmail": remote.contact_email,
        "landingPage": remote.landing_page,
        "language": remote.language,
        "publisher": publisher,
    }


def map_metadata(remote: RemoteDataset, org: str | None) -> Mapped:
    """What of ``remote`` our catalogue takes; ``org`` is the publisher when it names none."""
    mapped = Mapped(schema=bundled_schema(remote.conforms_to))
    free = [t for t in remote.themes if not THEMES.get(t)]
    if free:
        mapped.notes.append(
            f"thèmes inconnus gardés en mots-clés / unknown themes kept as keywords: {free}"
        )
    for key, value in _candidates(remote, org).items():
        if value in (None, "", []):
            continue
        try:
            normalise_changes({key: value})
        except UserError as error:
            mapped.notes.append(f"{key}: {error.message_fr} / {error.message_en}")
            continue
        mapped.changes[key] = value
    if remote.conforms_to and mapped.schema is None:
        mapped.notes.append(
            f"schéma non fourni, données non validées contre lui / schema not bundled, data "
            f"not validated against it: {remote.conforms_to}"
        )
    return mapped


def licence_value(label: str | None, url: str | None) -> str | None:
    """What to resolve for a remote licence: a spelling portals use that our vocabulary does
    not list (Opendatasoft's ``Licence Ouverte v2.0 (Etalab)``, CKAN's ``notspecified``…)
    as our id, else the label if the vocabulary knows it, else the URL."""
    for text in (label, url):
        known = REMOTE_LICENCES.get(spelling_key(text or ""))
        if known:
            return known
    if label and (LICENCES.get(label) or not (url and LICENCES.get(url))):
        return label
    return url
