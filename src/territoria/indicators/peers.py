"""Peer groups: the territories a territory is compared with, by stratum, place or label.

A peer group id names a rule; applied to a territory it gives the set of territory ids of the
territory's own level (the territory itself always among them):

``strate`` (default)
    communes: the DGCL population stratum (:mod:`~territoria.indicators.strata`, COG 2026
    populations); EPCI: the
    same legal type (CC, CA, CU, métropoles — ``METRO`` and ``MET69`` together); départements,
    régions, pays: every territory of the level.
``departement`` · ``region``
    the same level within the same département / région.
``label:pvd`` · ``label:acv`` · ``group:<slug>``
    the members of a programme or of an imported group, at the territory's level.
``all``
    every territory of the level.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from territoria.errors import NotFoundError, UserError
from territoria.geo.geography import Geography
from territoria.geo.labels import programme, programme_members
from territoria.geo.territory import Territory
from territoria.indicators.strata import EPCI_TYPES, stratum, stratum_titles

DEFAULT = "strate"
RULES = ("strate", "departement", "region", "all", "label:<programme>", "group:<slug>")
LEVELS = ("commune", "epci", "departement", "region", "pays")
PLURALS = {
    "commune": ("communes", "communes"),
    "epci": ("intercommunalités", "intercommunalities"),
    "departement": ("départements", "départements"),
    "region": ("régions", "regions"),
    "pays": ("pays", "countries"),
}


@dataclass(frozen=True)
class PeerGroup:
    """The peers of one territory: ``title_fr`` reads after « la médiane des … »."""

    id: str
    level: str
    members: frozenset[str]
    title_fr: str
    title_en: str


@dataclass(frozen=True)
class ImportedGroup:
    """An imported group as the catalogue holds it (read by the service layer)."""

    slug: str
    title: str
    members: frozenset[str]


class UnknownPeerGroupError(UserError):
    """A peer group id that names no rule (HTTP 400, exit 2)."""

    code = "unknown-peer-group"


class UnknownGroupError(NotFoundError):
    """``group:<slug>`` naming no imported group (HTTP 404, exit 2)."""

    code = "unknown-group"


@functools.cache
def _by_key(geo: Geography, level: str) -> dict[object, frozenset[str]]:
    """Territories of ``level`` by their stratum key (stratum index, EPCI type, or None)."""
    found: dict[object, set[str]] = {}
    for territory in geo:
        if territory.level == level:
            found.setdefault(_key(territory), set()).add(territory.id)
    return {key: frozenset(ids) for key, ids in found.items()}


def _key(territory: Territory) -> object:
    if territory.level == "commune":
        return stratum(territory.population) if territory.population is not None else None
    if territory.level == "epci":
        return EPCI_TYPES.get(territory.kind or "", (territory.kind,))[0]
    return None


def _places(geo: Geography, territory: Territory, rule: str) -> frozenset[str]:
    """The départements (or régions) a territory lies in: an EPCI may span several."""
    if rule == "departement":
        if territory.level == "commune":
            return frozenset({f"departement:{territory.departement}"})
        return frozenset(p for p in territory.parents if p.startswith("departement:"))
    if territory.level in ("commune", "departement"):
        return frozenset({f"region:{territory.region}"})
    regions = {geo.by_id[d].region for d in _places(geo, territory, "departement")}
    return frozenset(f"region:{code}" for code in regions)


def _in_places(geo: Geography, territory: Territory, rule: str) -> PeerGroup:
    if territory.level in (
        ("departement", "region", "pays") if rule == "departement" else ("region", "pays")
    ):
        raise UnknownPeerGroupError(
            f"groupe de pairs « {rule} » sans objet pour un territoire de niveau {territory.level}",
            f"peer group '{rule}' means nothing for a territory of level {territory.level}",
            hint_fr="essayez strate ou all",
            hint_en="try strate or all",
        )  # fmt: skip
    places = _places(geo, territory, rule)
    members = frozenset(
        t.id for t in geo if t.level == territory.level and _places(geo, t, rule) & places
    )
    names = ", ".join(geo.by_id[p].name for p in sorted(places))
    plural_fr, plural_en = PLURALS[territory.level]
    many = len(places) > 1  # an EPCI across départements
    if rule == "departement":
        where_fr, where_en = (
            ("des départements", "of the départements")
            if many
            else ("du département", "of the département")
        )
    else:
        where_fr, where_en = ("des régions", "of the regions") if many else (
            "de la région", "of the region")  # fmt: skip
    title_fr, title_en = f"{plural_fr} {where_fr} {names}", f"{plural_en} {where_en} {names}"
    return PeerGroup(rule, territory.level, members, title_fr, title_en)


def _by_stratum(geo: Geography, territory: Territory) -> PeerGroup:
    key = _key(territory)
    members = _by_key(geo, territory.level).get(key, frozenset())
    plural_fr, plural_en = PLURALS[territory.level]
    if territory.level == "commune" and isinstance(key, int):
        title_fr, title_en = stratum_titles(key)
    elif territory.level == "epci" and territory.kind in EPCI_TYPES:
        _, title_fr, title_en = EPCI_TYPES[territory.kind]
    elif territory.level in ("commune", "epci"):  # no population, unknown legal type
        title_fr, title_en = f"{plural_fr} de même catégorie", f"{plural_en} of the same kind"
    else:
        return _all(geo, territory, DEFAULT)
    return PeerGroup(DEFAULT, territory.level, members | {territory.id}, title_fr, title_en)


@functools.cache
def _of_level(geo: Geography, level: str) -> frozenset[str]:
    """Every territory of ``level`` (cached: each département's page would walk France)."""
    return frozenset(t.id for t in geo if t.level == level)


def _all(geo: Geography, territory: Territory, rule: str) -> PeerGroup:
    plural_fr, plural_en = PLURALS[territory.level]
    members = _of_level(geo, territory.level)
    return PeerGroup(rule, territory.level, members, plural_fr, plural_en)


def _listed(
    geo: Geography, territory: Territory, rule: str, ids: frozenset[str], titles: tuple[str, str]
) -> PeerGroup:
    """The members of a list at the territory's level, under ``titles`` (fr, en)."""
    members = frozenset(i for i in ids if i in geo.by_id and geo.by_id[i].level == territory.level)
    if not members:
        raise UnknownPeerGroupError(
            f"le groupe « {rule} » ne compte aucun territoire de niveau {territory.level}",
            f"group '{rule}' holds no territory of level {territory.level}",
            details={"peers": rule, "level": territory.level},
        )
    return PeerGroup(rule, territory.level, members | {territory.id}, *titles)


def peer_group(
    geo: Geography,
    territory_id: str,
    rule: str | None = None,
    *,
    imported: ImportedGroup | None = None,
) -> PeerGroup:
    """The peers of ``territory_id`` under ``rule`` (:data:`RULES`); ``group:<slug>`` needs the
    imported group, which the service layer reads from the catalogue."""
    territory = geo.get(territory_id)
    rule = (rule or DEFAULT).strip()
    if territory.level not in LEVELS:
        raise UnknownPeerGroupError(
            f"pas de pairs pour le niveau {territory.level} (niveaux : {', '.join(LEVELS)})",
            f"no peers for level {territory.level} (levels: {', '.join(LEVELS)})",
        )
    if rule == DEFAULT:
        return _by_stratum(geo, territory)
    if rule in ("departement", "region"):
        return _in_places(geo, territory, rule)
    if rule == "all":
        return _all(geo, territory, rule)
    kind, _, slug = rule.partition(":")
    plural_fr, plural_en = PLURALS[territory.level]
    if kind == "label" and slug:
        found = programme(slug)
        members = programme_members(found.slug, geo).communes
        titles = (f"{plural_fr} {found.title_fr}", f"{found.title_fr} {plural_en}")
        return _listed(geo, territory, found.label, members, titles)
    if kind == "group" and slug:
        if imported is None or imported.slug != slug:
            raise UnknownGroupError(
                f"groupe importé « {slug} » inconnu",
                f"unknown imported group '{slug}'",
                hint_fr="importez-le : territoria territories import-group FICHIER --label …",
                hint_en="import it: territoria territories import-group FILE --label …",
                details={"group": slug},
            )
        titles = (f"{plural_fr} du groupe « {imported.title} »",
                  f"{plural_en} of group '{imported.title}'")  # fmt: skip
        return _listed(geo, territory, rule, imported.members, titles)
    raise UnknownPeerGroupError(
        f"groupe de pairs « {rule} » inconnu (groupes : {', '.join(RULES)})",
        f"unknown peer group '{rule}' (groups: {', '.join(RULES)})",
        details={"peers": rule, "known": list(RULES)},
    )
