"""The indexes behind reference resolution: codes, old codes, names, postal codes, SIREN."""

from __future__ import annotations

import functools
import re

from territoria.geo.geography import Geography
from territoria.geo.names import name_key

Found = tuple[str | None, str, tuple[str, ...]]
_SIREN_PREFERENCE = ("commune", "epci", "ept", "departement", "region")
_FORMER = ("commune-deleguee", "commune-associee", "arrondissement-municipal")
_SPACES = re.compile(r"[\s.]+")


def _one_or_many(ids: list[str], status: str) -> Found:
    if not ids:
        return None, "unknown", ()
    if len(ids) == 1:
        return ids[0], status, ()
    return None, "ambiguous", tuple(sorted(ids))


class Lookup:
    """Dictionaries built once from a :class:`Geography`; each method answers one reference."""

    def __init__(self, geo: Geography) -> None:
        self.geo = geo
        self.names: dict[str, list[str]] = {}
        self.former_names: dict[str, list[str]] = {}
        self.postal: dict[str, list[str]] = {}
        self.sirens: dict[str, str] = {}
        self.dep_names: dict[str, str] = {}
        for territory in geo:
            if territory.level == "commune":
                self.names.setdefault(name_key(territory.name), []).append(territory.id)
                for postal_code in territory.postal_codes:
                    self.postal.setdefault(postal_code, []).append(territory.id)
            elif territory.level in _FORMER:
                self.former_names.setdefault(name_key(territory.name), []).append(territory.id)
            elif territory.level == "departement":
                self.dep_names[name_key(territory.name)] = territory.code
        ranked = sorted(
            (t for t in geo if t.siren and t.level in _SIREN_PREFERENCE),
            key=lambda t: _SIREN_PREFERENCE.index(t.level),
            reverse=True,
        )
        self.sirens = {t.siren: t.id for t in ranked if t.siren}

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
        key = name_key(text)
        for index, status in ((self.names, "by-name"), (self.former_names, "old-code")):
            ids = index.get(key, [])
            if dep:
                ids = [i for i in ids if self.geo.by_id[i].departement == dep]
            if ids:
                if len(ids) > 1:  # « Vergné » and « La Vergne » share a key: spelling decides
                    ids = [
                        i for i in ids if self.geo.by_id[i].name.casefold() == text.casefold()
                    ] or ids
                parents = {self.geo.by_id[i].parents[0] if status == "old-code" else i for i in ids}
                return _one_or_many(sorted(parents), status)
        return None, "unknown", ()

    def postal_code(self, text: str, name: str | None, dep: str | None) -> Found:
        code = text.zfill(5) if text.isdigit() and len(text) == 4 else text
        ids = self.postal.get(code, [])
        if dep:
            ids = [i for i in ids if self.geo.by_id[i].departement == dep]
        if len(ids) > 1 and name:
            key = name_key(name)
            named = [i for i in ids if name_key(self.geo.by_id[i].name) == key]
            if named:
                return _one_or_many(named, "by-name")
            # « SEYNOD, 74600 »: a former commune, now déléguée of one of the candidates
            former = {self.geo.by_id[f].parents[0] for f in self.former_names.get(key, ())}
            if former & set(ids):
                return _one_or_many(sorted(former & set(ids)), "old-code")
        return _one_or_many(ids, "normalised" if code != text else "exact")

    def siren(self, text: str) -> Found:
        code = _SPACES.sub("", text)
        found = self.sirens.get(code)
        if found is None:
            return None, "unknown", ()
        return found, "exact" if code == text else "normalised", ()


@functools.cache
def lookup_for(geo: Geography) -> Lookup:
    """The indexes of ``geo``, built once (≈ 0.2 s) on the first resolution."""
    return Lookup(geo)
