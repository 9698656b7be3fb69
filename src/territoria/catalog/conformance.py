"""``conformsTo``: the canonical URL of the schema a dataset follows.

For the bundled national schemas it is their schema.data.gouv.fr URL, the one data.gouv.fr
and its harvesters recognise; the table below comes from each schema's ``SOURCE.md`` (the
site path it was copied from), with ``latest`` pinned to the bundled version.
"""

from __future__ import annotations

from typing import Any

from territoria.schemas.registry import find_bundled

SCHEMA_SITE = "https://schema.data.gouv.fr/schemas/"
SITE_PATHS = {
    "accessibilite-erp": "MTES-MCT/acceslibre-erp-base/{v}/schema.json",
    "comptage-mobilites-channel": "etalab/schema-comptage-mobilites-channel/{v}/schema.json",
    "comptage-mobilites-measure": "etalab/schema-comptage-mobilites-measure/{v}/schema.json",
    "comptage-mobilites-site": "etalab/schema-comptage-mobilites-site/{v}/schema.json",
    "decp-dpa": "etalab/schema-decp-dpa/{v}/schema.json",
    "defibrillateurs-dae": "atlasante/schema-dae/{v}/schema.json",
    "dispositif-aide": "etalab/dispositif-aide/{v}/schema.json",
    "fontaine-eau": "datagouv/schema-fontaine-eau/{v}/schema.json",
    "irve-dynamique": "etalab/schema-irve-dynamique/{v}/schema-dynamique.json",
    "irve-statique": "etalab/schema-irve-statique/{v}/schema-statique.json",
    "lieux-covoiturage": "etalab/schema-lieux-covoiturage/{v}/schema.json",
    "point-eau-incendie": "datakode/schema-pei/{v}/schema.json",
    "reemploi-biens-dechets": (
        "datagouv/schema-declaration-biens-reemploi-reutilisation-recycle/{v}/schema.json"
    ),
    "scdl/budget": "scdl/budget/{v}/schema.json",
    "scdl/catalogue": "scdl/catalogue/{v}/schema.json",
    "scdl/deliberations": "scdl/deliberations/{v}/schema.json",
    "scdl/equipements": "scdl/equipements/{v}/schema.json",
    "scdl/menus-collectifs": "scdl/menus-collectifs/{v}/schema.json",
    "scdl/prenoms": "scdl/prenoms/{v}/schema.json",
    "scdl/subventions": "scdl/subventions/{v}/schema.json",
    "sdirve": "etalab/schema-sdirve/{v}/schema.json",
    "stationnement-cyclable": "etalab/schema-stationnement-cyclable/{v}/schema.json",
    "stationnement": "etalab/schema-stationnement/{v}/schema.json",
    "stations-taxi": "openmaraude/schema-stationstaxi/{v}/schema.json",
    "vehicules-faibles-emissions": (
        "etalab/schema-vehicules-faibles-emissions-renouvellement-parc/{v}/schema.json"
    ),
}


def _http(value: object) -> str | None:
    text = str(value) if value else ""
    return text if text.startswith(("http://", "https://")) else None


def conforms_to(schema_ref: str | None, schema_json: dict[str, Any] | None) -> str | None:
    """The schema's canonical URL: schema.data.gouv.fr for a bundled schema, else the URL the
    descriptor gives itself (``path``); None for an inferred schema or a local file."""
    bundled = find_bundled(schema_ref) if schema_ref else None
    if bundled is not None:
        template = SITE_PATHS.get(bundled.name)
        if template is not None:
            version = (bundled.version or "latest").removeprefix("v")
            return SCHEMA_SITE + template.format(v=version)
        import json  # a schema the site no longer lists: the descriptor's own URL

        descriptor = json.loads(bundled.path.read_text(encoding="utf-8"))
        return _http(descriptor.get("path")) or _http(descriptor.get("homepage"))
    if schema_ref and _http(schema_ref):
        return schema_ref
    return _http((schema_json or {}).get("path"))
