"""The JSON Schema of indicator specs, generated from the model, committed for pack authors'
editors: ``python -m territoria.indicators.json_schema`` rewrites it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from territoria.indicators.model import IndicatorSpec

SCHEMA_PATH = Path(__file__).with_name("indicator.schema.json")
SCHEMA_ID = "https://territoria.fr/schemas/indicator.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one indicator spec file."""
    body = IndicatorSpec.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **body,
        "title": "Territoria indicator spec",
        "description": "One indicator of a pack: packs/<pack>/indicators/<name>.yaml",
    }


def render() -> str:
    """The schema as the committed file holds it (sorted keys, two-space indent, final newline)."""
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to ``argv[0]`` or beside this module."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_PATH
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
