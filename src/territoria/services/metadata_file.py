"""Metadata changes read from a YAML or JSON file (``territoria datasets edit --from FILE``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from territoria.errors import UserError


class MetadataFileError(UserError):
    """A metadata file that cannot be read or does not hold a mapping of fields."""

    code = "invalid-metadata-file"


def _refuse(path: Path, fr: str, en: str) -> MetadataFileError:
    return MetadataFileError(
        fr,
        en,
        path=str(path),
        hint_fr="un fichier .yaml, .yml ou .json : un dictionnaire champ → valeur",
        hint_en="a .yaml, .yml or .json file: a mapping field → value",
    )


def read_changes(path: Path) -> dict[str, Any]:
    """The field → value mapping in ``path`` (YAML for .yaml/.yml, JSON for .json; other
    suffixes are read as YAML, which JSON is a subset of)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _refuse(path, "fichier introuvable", "file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _refuse(path, f"fichier illisible : {error}", f"unreadable file: {error}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise _refuse(
            path, f"JSON invalide ligne {error.lineno}", f"invalid JSON at line {error.lineno}"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" ligne/line {mark.line + 1}" if mark is not None else ""
        raise _refuse(path, f"YAML invalide{line}", f"invalid YAML{line}") from None
    if not isinstance(data, dict):
        raise _refuse(path, "le fichier ne contient pas un dictionnaire de champs",
                      "the file does not hold a mapping of fields")  # fmt: skip
    return {str(key): value for key, value in data.items()}
