"""How a catalogue facet value reads in French and English (a theme's label, a territory's
name, a format in capitals): the search counts shown names, a page shows these labels."""

from __future__ import annotations

from territoria.catalog.search.facets import VOCABULARIES
from territoria.geo.geography import geography


def facet_label(facet: str, name: str) -> dict[str, str]:
    """``{"fr", "en"}`` for the value ``name`` of ``facet`` (the name itself by default)."""
    vocabulary = VOCABULARIES.get(facet)
    term = vocabulary.get(name) if vocabulary is not None else None
    if term is not None:
        return {"fr": term.label_fr, "en": term.label_en}
    if facet == "territory":
        territory = geography().by_id.get(name)
        if territory is not None:
            return {"fr": territory.name, "en": territory.name}
    if facet == "format":
        return {"fr": name.upper(), "en": name.upper()}
    return {"fr": name, "en": name}
