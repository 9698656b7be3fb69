"""The bundled national Table Schemas, found by registry name (``scdl/subventions``)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BUNDLED_DIR = Path(__file__).parent / "bundled"


@dataclass(frozen=True)
class BundledSchema:
    """A bundled schema: registry name, title and version from its descriptor, file path."""

    name: str
    title: str | None
    version: str | None
    path: Path


@cache
def _index() -> dict[str, BundledSchema]:
    """Every ``bundled/<name>/schema.json``, read once."""
    found: dict[str, BundledSchema] = {}
    for path in sorted(BUNDLED_DIR.rglob("schema.json")):
        name = path.parent.relative_to(BUNDLED_DIR).as_posix()
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        title, version = descriptor.get("title"), descriptor.get("version")
        found[name] = BundledSchema(
            name=name,
            title=str(title) if title is not None else None,
            version=str(version) if version is not None else None,
            path=path,
        )
    return found


def list_bundled() -> list[BundledSchema]:
    """The bundled schemas, sorted by registry name."""
    return list(_index().values())


def find_bundled(name: str) -> BundledSchema | None:
    """The bundled schema called ``name`` (``scdl-subventions`` is read as ``scdl/subventions``)."""
    index = _index()
    key = name.strip().strip("/").lower()
    if key in index:
        return index[key]
    if key.startswith("scdl-"):
        return index.get("scdl/" + key.removeprefix("scdl-"))
    return None


def close_names(name: str, count: int = 3) -> list[str]:
    """Registry names that look like ``name`` (for "did you mean" messages)."""
    names = list(_index())
    key = name.strip().lower()
    close = difflib.get_close_matches(key, names, n=count, cutoff=0.5)
    tail = key.rsplit("/", 1)[-1]
    for candidate in names:
        if tail and tail in candidate and candidate not in close and len(close) < count:
            close.append(candidate)
    return close
