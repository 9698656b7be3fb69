"""Loads a Table Schema from a descriptor, a JSON (or YAML) file, or a bundled registry name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from territoria.errors import SchemaError
from territoria.schemas.descriptor import schema_from_dict
from territoria.schemas.model import Schema
from territoria.schemas.registry import close_names, find_bundled, list_bundled

_FILE_SUFFIXES = (".json", ".yaml", ".yml")


def load_schema(ref: str | Path | dict[str, Any]) -> Schema:
    """The checked :class:`Schema` for ``ref``; any problem is a bilingual :class:`SchemaError`."""
    if isinstance(ref, dict):
        return schema_from_dict(ref, source=None)
    if isinstance(ref, str):
        bundled = find_bundled(ref)
        if bundled is not None:
            return schema_from_dict(_read(bundled.path), source=bundled.name)
        looks_like_file = ref.lower().endswith(_FILE_SUFFIXES) or ref.startswith((".", "/", "~"))
        if not looks_like_file and not Path(ref).exists():
            _unknown_name(ref)
    path = Path(ref)
    return schema_from_dict(_read(path), source=str(path))


def _unknown_name(name: str) -> None:
    close = close_names(name)
    known = ", ".join(item.name for item in list_bundled())
    if close:
        hint_fr = f"vouliez-vous dire : {', '.join(close)} ?"
        hint_en = f"did you mean: {', '.join(close)}?"
    else:
        hint_fr, hint_en = f"schémas intégrés : {known}", f"bundled schemas: {known}"
    raise SchemaError(
        f"« {name} » n'est ni un fichier ni un schéma intégré",
        f"“{name}” is neither a file nor a bundled schema",
        hint_fr=hint_fr,
        hint_en=hint_en,
        details={"suggestions": close},
    )


def _read(path: Path) -> Any:
    """The parsed content of a schema file."""
    where = str(path)
    if not path.is_file():
        raise SchemaError(
            "fichier de schéma introuvable",
            "schema file not found",
            path=where,
            hint_fr="vérifiez le chemin ou un nom de schéma intégré (ex. scdl/subventions)",
            hint_en="check the path or use a bundled schema name (e.g. scdl/subventions)",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SchemaError(
            "le schéma n'est pas encodé en UTF-8",
            "the schema is not UTF-8 encoded",
            path=where,
            hint_fr="réenregistrez-le en UTF-8",
            hint_en="save it again as UTF-8",
        ) from error
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(text, where)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaError(
            f"le schéma n'est pas du JSON valide ({error.msg}, colonne {error.colno})",
            f"the schema is not valid JSON ({error.msg}, column {error.colno})",
            path=where,
            line=error.lineno,
            hint_fr="corrigez la syntaxe JSON (virgules, guillemets, accolades)",
            hint_en="fix the JSON syntax (commas, quotes, braces)",
        ) from error


def _read_yaml(text: str, where: str) -> Any:
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError as error:
        raise SchemaError(
            "lire un schéma YAML demande PyYAML, qui n'est pas installé",
            "reading a YAML schema needs PyYAML, which is not installed",
            path=where,
            hint_fr="convertissez le schéma en JSON ou installez PyYAML",
            hint_en="convert the schema to JSON or install PyYAML",
        ) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SchemaError(
            f"le schéma n'est pas du YAML valide ({error})",
            f"the schema is not valid YAML ({error})",
            path=where,
            hint_fr="corrigez la syntaxe YAML",
            hint_en="fix the YAML syntax",
        ) from error
