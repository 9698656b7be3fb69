"""The text rendering of a version diff (its JSON is ``VersionDiff.to_dict``): a summary of
columns and rows, then sampled rows, one per line, values written as JSON (``"12"`` is text,
``12`` a number, ``null`` empty) and long ones cut."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


CELL_WIDTH = 60  # a long text is cut in the text view (the JSON output keeps it whole)


def _cell(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= CELL_WIDTH else shown[: CELL_WIDTH - 1] + "…"


def _pairs(values: dict[str, Any]) -> str:
    return ", ".join(f"{name}={_cell(value)}" for name, value in values.items())


def _columns(columns: dict[str, Any]) -> list[str]:
    parts = [f"+ {c['name']} ({c['type']})" for c in columns["added"]]
    parts += [f"- {c['name']} ({c['type']})" for c in columns["removed"]]
    parts += [f"~ {c['name']} ({c['before']} → {c['after']})" for c in columns["retyped"]]
    return parts


def _samples(diff: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    rows, sample = diff["rows"], diff["sample"]
    titles = {
        "added": "Ajoutées / added",
        "removed": "Supprimées / removed",
        "changed": "Modifiées / changed",
    }
    for kind, title in titles.items():
        if not sample[kind]:
            continue
        lines.append(f"{title} ({len(sample[kind])} sur / of {rows[kind]}):")
        for entry in sample[kind]:
            if kind == "changed":
                changes = ", ".join(
                    f"{name}: {_cell(c['before'])} → {_cell(c['after'])}"
                    for name, c in entry["changes"].items()
                )
                lines.append(f"  {_pairs(entry['key'])} | {changes}")
            elif "key" in entry:
                lines.append(f"  {_pairs(entry['key'])} | {_pairs(entry['row'])}")
            else:
                copies = f" (×{entry['count']})" if entry["count"] > 1 else ""
                lines.append(f"  {_pairs(entry['row'])}{copies}")
    return lines


def render_diff(console: Console, diff: dict[str, Any]) -> None:
    """The diff for a reader: what was compared, columns, counts, changed fields, samples."""
    key = ", ".join(diff["primaryKey"])
    how = {
        "primaryKey": f"par clé primaire ({key}) / by primary key ({key})",
        "key": f"par la clé choisie ({key}) / by the chosen key ({key})",
    }.get(diff["method"], "par contenu des lignes / by row content")
    lines = [f"« {diff['dataset']} » v{diff['from']} → v{diff['to']} : {how}"]
    if diff["note"]:
        lines += [f"  {diff['noteFr']}", f"  {diff['note']}"]
    columns = _columns(diff["columns"])
    lines.append(f"Colonnes / columns: {'; '.join(columns) or 'inchangées / unchanged'}")
    rows = diff["rows"]
    lines.append(
        f"Lignes / rows: {rows['before']} → {rows['after']} · "
        f"+{rows['added']} ajoutées / added · -{rows['removed']} supprimées / removed · "
        f"~{rows['changed']} modifiées / changed · {rows['unchanged']} inchangées / unchanged"
    )
    if diff["changedFields"]:
        fields = ", ".join(f"{name} ({n})" for name, n in diff["changedFields"].items())
        lines.append(f"Champs modifiés / changed fields: {fields}")
    if diff["identical"]:
        lines.append("Aucune différence. / No difference.")
    lines += _samples(diff)
    console.print("\n".join(lines), markup=False)
