"""The bundled national Table Schemas, found by registry name (``scdl/subventions``)."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BUNDLED_DIR = Path(__file__).parent / "bundled"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*")


@dataclass(frozen=True)
class BundledSchema:
    """A bundled schema: registry name, title and version from its descriptor, file path."""

    name: str
    title: str | None
    version: str | None
    path: Path


def _entry(name: str, path: Path) -> BundledSchema:
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    title, version = descriptor.get("title"), descriptor.get("version")
    return BundledSchema(
        name=name,
        title=str(title) if title is not None else None,
        version=str(version) if version is not None else None,
        path=path,
    )


@cache
def _index() -> dict[str, BundledSchema]:
    """Every ``bundled/<name>/schema.json``, read once (listing and suggestions only)."""
    return {
        path.parent.relative_to(BUNDLED_DIR).as_posix(): _entry(
            path.parent.relative_to(BUNDLED_DIR).as_posix(), path
        )
        for path in sorted(BUNDLED_DIR.rglob("schema.json"))
    }


@cache
def _direct(key: str) -> BundledSchema | None:
    """The schema whose folder is ``key``, reading that one descriptor: a name given on the
    command line costs one file, not the ~30 of the index (3-6 ms of each start-up)."""
    if not _NAME.fullmatch(key):
        return None
    path = BUNDLED_DIR / key / "schema.json"
    return _entry(key, path) if path.is_file() else None


def list_bundled() -> list[BundledSchema]:
    """The bundled schemas, sorted by registry name."""
    return list(_index().values())


def find_bundled(name: str) -> BundledSchema | None:
    """The bundled schema called ``name`` (``scdl-subventions`` is read as ``scdl/subventions``)."""
    key = name.strip().strip("/").lower()
    found = _direct(key)
    if found is None and key.startswith("scdl-"):
        found = _direct("scdl/" + key.removeprefix("scdl-"))
    return found


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
