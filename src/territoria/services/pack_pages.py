"""What the portal's pack and indicator pages show, for territories that want to replicate a
project: a pack's datasets with the mappings of known publications, each indicator's formula
in words, and the territories that installed it."""

from __future__ import annotations

from typing import Any

from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.indicators.model import (
    ColumnMeasure,
    CountMeasure,
    ExprMeasure,
    IndicatorMeasure,
    IndicatorSpec,
    PopulationDenominator,
)
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.services.indicator_catalogue import describe_indicator
from territoria.services.indicator_results import find_indicator
from territoria.services.indicator_values import indicator_values
from territoria.services.instance import Instance
from territoria.services.packs import installed_packs, show_pack


def _measure(measure: object) -> tuple[str, str]:
    """One side of a formula in French and English."""
    if isinstance(measure, ColumnMeasure):
        words = (f"Σ {measure.column}", f"Σ {measure.column}")
    elif isinstance(measure, ExprMeasure):
        words = (f"Σ ({measure.expr})", f"Σ ({measure.expr})")
    elif isinstance(measure, CountMeasure):
        words = ("nombre de lignes", "number of rows")
    elif isinstance(measure, IndicatorMeasure):
        words = (f"numérateur de {measure.indicator}", f"numerator of {measure.indicator}")
    elif isinstance(measure, PopulationDenominator):
        words = ("population municipale (COG)", "municipal population (COG)")
    else:
        return ("?", "?")
    filters = getattr(measure, "filters", [])
    if filters:
        shown = ", ".join(f"{f.column} {f.op} {f.value}" for f in filters)
        return (f"{words[0]} où {shown}", f"{words[1]} where {shown}")
    return words


def formula(spec: IndicatorSpec) -> dict[str, str]:
    """``spec``'s formula in words: Σ numerator / Σ denominator × scale, aggregated up the
    geography from summed parts (never an average of ratios)."""
    top_fr, top_en = _measure(spec.numerator)
    if not spec.has_denominator or spec.denominator is None:
        return {"fr": top_fr, "en": top_en}
    bottom_fr, bottom_en = _measure(spec.denominator)
    scale = spec.scale
    factor = "" if scale == 1 else f" × {scale:g}"
    return {"fr": f"{top_fr} / {bottom_fr}{factor}", "en": f"{top_en} / {bottom_en}{factor}"}


def installations(settings: Settings, instance: Instance, pack_id: str) -> list[dict[str, Any]]:
    """The territories that installed ``pack_id`` on this instance."""
    geo = geography()
    return [
        {**i, "name": geo.by_id[i["territory"]].name if i["territory"] in geo.by_id else None}
        for i in installed_packs(settings, instance)
        if i["pack"] == pack_id
    ]


def pack_page(settings: Settings, instance: Instance, pack_id: str) -> dict[str, Any]:
    """A pack in full (:func:`show_pack`), each mapping with its field ← column pairs, each
    indicator with its description, polarity and formula, and its installations."""
    info = show_pack(pack_id)
    pack = get_pack(pack_id)
    for item, role in zip(info["datasets"], pack.datasets.values(), strict=True):
        for shown, mapping in zip(item["mappings"], role.mappings, strict=True):
            shown["territory"] = mapping.territory.column
            shown["fields"] = {
                name: field.column or field.value or (field.territory and "territoire") or ""
                for name, field in mapping.fields.items()
            }
            shown["unpivot"] = mapping.unpivot is not None
    specs = {spec.id: spec for spec in pack.indicators}
    for indicator in info["indicators"]:
        spec = specs[indicator["id"]]
        indicator["description"] = spec.description
        indicator["polarity"] = spec.polarity
        indicator["formula"] = formula(spec)
    info["installations"] = installations(settings, instance, pack_id)
    return info


TOP_LEVELS = ("pays", "region", "departement", "epci", "commune")


def indicator_page(
    settings: Settings, instance: Instance, indicator_id: str, actor: Actor
) -> dict[str, Any]:
    """One indicator (:func:`describe_indicator`) with its formula, source datasets, the
    territories of its pack's installations, and its values at the top level it reaches
    for its latest period."""
    body = describe_indicator(instance, indicator_id, actor)
    spec = find_indicator(indicator_id)
    pack = get_pack(spec.pack)
    role = pack.datasets.get(spec.source)
    body["formula"] = formula(spec)
    body["packTitle"] = pack.title.model_dump()
    body["sources"] = (
        []
        if role is None
        else [{"slug": role.slug, "title": role.title.model_dump(), "role": role.role}]
    )
    body["installations"] = installations(settings, instance, spec.pack)
    body["top"] = None
    levels = body.get("levels") or []
    top = next((level for level in TOP_LEVELS if level in levels), None)
    if top is not None and body.get("periods"):
        period = body["periods"][-1]
        values = indicator_values(
            settings, spec.id, level=top, period=period, actor=actor, instance=instance, limit=500
        )
        geo = geography()
        for row in values["results"]:
            row["name"] = geo.by_id[row["territory"]].name
        body["top"] = {"level": top, "period": period, **values}
    return body
