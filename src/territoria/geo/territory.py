"""One territory of the official geography (COG), as the bundle describes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Territory:
    """A commune, EPCI, département… with its parents as ids (children live in the Geography,
    which alone knows every territory)."""

    id: str
    level: str
    code: str
    name: str
    population: int | None = None
    siren: str | None = None
    kind: str | None = None  # EPCI legal type: CC, CA, CU, METRO, MET69, EPT
    departement: str | None = None
    region: str | None = None
    postal_codes: tuple[str, ...] = ()
    old_codes: tuple[str, ...] = ()
    old_names: tuple[str, ...] = ()  # 2018 names of the communes merged into it since
    parents: tuple[str, ...] = field(default=())

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Territory:
        """A territory from one bundle row (lists become tuples, so territories hash)."""
        return cls(
            id=row["id"],
            level=row["level"],
            code=row["code"],
            name=row["name"],
            population=row["population"],
            siren=row["siren"],
            kind=row["kind"],
            departement=row["departement"],
            region=row["region"],
            postal_codes=tuple(row["postal_codes"] or ()),
            old_codes=tuple(row["old_codes"] or ()),
            old_names=tuple(row.get("old_names") or ()),
            parents=tuple(row["parents"] or ()),
        )

    def as_dict(self) -> dict[str, Any]:
        """The territory as JSON-ready data (the CLI's and the API's shape)."""
        return {
            "id": self.id,
            "level": self.level,
            "code": self.code,
            "name": self.name,
            "population": self.population,
            "siren": self.siren,
            "kind": self.kind,
            "departement": self.departement,
            "region": self.region,
            "postalCodes": list(self.postal_codes),
            "oldCodes": list(self.old_codes),
            "oldNames": list(self.old_names),
            "parents": list(self.parents),
        }
