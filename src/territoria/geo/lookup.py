"""The indexes behind reference resolution: codes, old codes, names, old names, postal codes,
arrondissements municipaux, SIREN."""

from __future__ import annotations

import functools
import re

from territoria.errors import UserError
from territoria.geo.geography import Geography
from territoria.geo.names import arrondissement_key, name_key

Found = tuple[str | None, str, tuple[str, ...]]
_SIREN_PREFERENCE = ("commune", "epci", "ept", "departement", "region")
_FORMER = ("commune-deleguee", "commune-associee", "arrondissement-municipal")
_OLD_NAMES = ("commune-deleguee", "commune-associee")  # a pre-merger commune's name lives on
_SPACES = re.compile(r"[\s.]+")


def _one_or_many(ids: list[str], status: str) -> Found:
    if not ids:
        return None, "unknown", ()
    if len(ids) == 1:
        return ids[0], status, ()
    return None, "ambiguous", tuple(sorted(ids))


class Lookup:
    """Dictionaries built once from a :class:`Geography`; each method answers one reference.
    ``former_names`` maps the name key of a pre-merger commune (a commune déléguée's or
    associée's, or a 2018 name of a code merged since) to today's commune ids."""

    def __init__(self, geo: Geography) -> None:
        self.geo = geo
        self.names: dict[str, list[str]] = {}
        self.former_names: dict[str, list[str]] = {}
        self.arrondissements: dict[str, str] = {}  # « paris 1 » → commune:75056
        self.postal: dict[str, list[str]] = {}
        self.sirens: dict[str, str] = {}
        self.dep_names: dict[str, str] = {}
        self.name_keys: dict[str, str] = {}  # commune id → its name's key
        for territory in geo:
            if territory.level == "commune":
                own = self.name_keys[territory.id] = name_key(territory.name)
                self.names.setdefault(own, []).append(territory.id)
                for postal_code in territory.postal_codes:
                    self.postal.setdefault(postal_code, []).append(territory.id)
                for old_name in territory.old_names:  # 2018 names of communes merged since
                    self._former(old_name, territory.id)
            elif territory.level in _OLD_NAMES:
                self._former(territory.name, territory.parents[0])
            elif territory.level == "arrondissement-municipal":
                key = arrondissement_key(name_key(territory.name))
                if key:
                    self.arrondissements[key] = territory.parents[0]
            elif territory.level == "departement":
                self.dep_names[name_key(territory.name)] = territory.code
        ranked = sorted(
            (t for t in geo if t.siren and t.level in _SIREN_PREFERENCE),
            key=lambda t: _SIREN_PREFERENCE.index(t.level),
            reverse=True,
        )
        self.sirens = {t.siren: t.id for t in ranked if t.siren}

    def _former(self, name: str, commune_id: str) -> None:
        ids = self.former_names.setdefault(name_key(name), [])
        if commune_id not in ids:
            ids.append(commune_id)

    def departement_code(self, text: str) -> str:
        """A département code as the COG writes it: ``1`` → ``01``, ``2a`` → ``2A``."""
        code = text.strip().upper()
        return code.zfill(2) if code.isdigit() and len(code) == 1 else code

    def departement(self, text: str) -> Found:
        code = self.departement_code(text)
        if f"departement:{code}" in self.geo.by_id:
            return f"departement:{code}", "exact" if code == text else "normalised", ()
        if code == "20":  # Corsica before 1976: two départements today
            return None, "ambiguous", ("departement:2A", "departement:2B")
        by_name = self.dep_names.get(name_key(text))
        return (f"departement:{by_name}", "by-name", ()) if by_name else (None, "unknown", ())

    def commune(self, text: str) -> Found:
        code = text.upper()
        if code.isdigit() and len(code) == 4:  # a spreadsheet ate the leading zero
            code = code.zfill(5)
        changed = code != text
        if f"commune:{code}" in self.geo.by_id:
            return f"commune:{code}", "normalised" if changed else "exact", ()
        match = self.geo.resolve_commune(code)
        if match is not None:
            return match.territory.id, "old-code", ()
        for level in _FORMER:  # a déléguée/arrondissement code → the commune it belongs to
            former = self.geo.by_id.get(f"{level}:{code}")
            if former is not None:
                return former.parents[0], "old-code" if level != _FORMER[2] else "normalised", ()
        return None, "unknown", ()

    def name(self, text: str, dep: str | None) -> Found:
        """A commune by its name, today's (``by-name``) or a commune déléguée's or associée's,
        the name of the commune before it merged, or its 2018 name (``old-name``: « Arbignieu »
        → Arboys en Bugey, « Olonne-sur-Mer » → Les Sables-d'Olonne); an arrondissement
        municipal's name is its commune's (``PARIS 1ER ARRONDISSEMENT`` → Paris)."""
        key = name_key(text)
        city = self.arrondissements.get(arrondissement_key(key) or "")
        if city and (not dep or self.geo.by_id[city].departement == dep):
            return city, "by-name", ()
        for index, status in ((self.names, "by-name"), (self.former_names, "old-name")):
            ids = index.get(key, [])
            if dep:
                ids = [i for i in ids if self.geo.by_id[i].departement == dep]
            if ids:
                if len(ids) > 1 and status == "by-name":  # « Vergné », « La Vergne »: spelling
                    ids = [
                        i for i in ids if self.geo.by_id[i].name.casefold() == text.casefold()
                    ] or ids
                return _one_or_many(sorted(ids), status)
        return None, "unknown", ()

    def postal_code(self, text: str, name: str | None, dep: str | None) -> Found:
        """A commune by postal code; when the code serves several, ``name`` picks one; when
        the code is no commune's (a CEDEX, « - »), the name within the code's département."""
        code = text.zfill(5) if text.isdigit() and len(text) == 4 else text
        ids = self.postal.get(code, [])
        if dep:
            ids = [i for i in ids if self.geo.by_id[i].departement == dep]
        if not ids and name:
            return self.name(name, dep or _departement_of_postal_code(code))
        if len(ids) > 1 and name:
            found = self._among(ids, name)
            if found is not None:
                return found
        return _one_or_many(ids, "normalised" if code != text else "exact")

    def _among(self, ids: list[str], name: str) -> Found | None:
        """The one of ``ids`` that ``name`` designates: today's name, an arrondissement's, a
        former commune's (« SEYNOD, 74600 », now déléguée), else the one candidate whose name
        starts with it (« CARENTAN » → Carentan-les-Marais, « LOUHANS » → Louhans-Châteaurenaud)."""
        key = name_key(name)
        named = [i for i in ids if self._name_key(i) == key]
        if named:
            return _one_or_many(named, "by-name")
        city = self.arrondissements.get(arrondissement_key(key) or "")
        if city in ids:
            return city, "by-name", ()
        former = set(self.former_names.get(key, ()))
        if former & set(ids):
            return _one_or_many(sorted(former & set(ids)), "old-name")
        prefixed = [i for i in ids if self._name_key(i).startswith(f"{key} ")]
        return (prefixed[0], "by-name", ()) if key and len(prefixed) == 1 else None

    def _name_key(self, territory_id: str) -> str:
        known = self.name_keys.get(territory_id)
        return name_key(self.geo.by_id[territory_id].name) if known is None else known

    def territory_id(self, text: str) -> Found:
        """A ``level:code[@vintage]`` id: today's id (``old-code`` when a past vintage's code
        led to today's commune, ``normalised`` when spelt otherwise: ``departement:2a``)."""
        try:
            match = self.geo.find(text)
        except UserError:  # malformed, unknown, or a vintage after the bundled one
            return None, "unknown", ()
        if match.old_code:
            return match.territory.id, "old-code", ()
        return match.territory.id, "exact" if match.territory.id == text else "normalised", ()

    def siren(self, text: str) -> Found:
        code = _SPACES.sub("", text)
        found = self.sirens.get(code)
        if found is None:
            return None, "unknown", ()
        return found, "exact" if code == text else "normalised", ()


def _departement_of_postal_code(code: str) -> str | None:
    """The département a postal code's first digits usually name (not Corsica's 20: two)."""
    if not (code.isdigit() and len(code) == 5) or code.startswith("20"):
        return None
    return code[:3] if code[:2] in ("97", "98") else code[:2]


@functools.cache
def lookup_for(geo: Geography) -> Lookup:
    """The indexes of ``geo``, built once (≈ 0.2 s) on the first resolution."""
    return Lookup(geo)
