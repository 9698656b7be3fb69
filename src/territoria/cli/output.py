"""One output convention for every command: ``--format text|json`` (``--json`` kept as an
alias), Rich tables on a terminal, plain tab-separated lines when piped, JSON Lines for many.

A command takes ``output: FormatOpt = "text"`` and ``as_json: JsonOpt = False``, calls
:func:`output_format` once, then renders with :func:`emit_json`, :func:`emit_json_line` or
:func:`emit_rows`. Light on purpose (typer and json only at import): ``territoria --help``
must start fast, Rich loads when a table is drawn.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from territoria.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("text", "json")

FormatOpt = Annotated[str, typer.Option("--format", help="Sortie / output: text|json")]
JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="= --format json (ancienne orthographe / old spelling)"),
]


def check_choice(name: str, value: str, allowed: Sequence[str]) -> str:
    """``value`` when it is one of ``allowed``, else a bilingual user error (exit 2)."""
    if value not in allowed:
        raise UserError(
            f"valeur « {value} » invalide pour {name} (valeurs : {', '.join(allowed)})",
            f"invalid value '{value}' for {name} (values: {', '.join(allowed)})",
        )
    return value


def output_format(output: str, as_json: bool = False) -> str:
    """The output format chosen: ``json`` when ``--json`` was given, else ``--format``'s."""
    check_choice("--format", output, FORMATS)
    return "json" if as_json else output


def emit_json(data: Any) -> None:
    """One JSON document on stdout, indented for a reader (a single result)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def emit_json_line(data: Any) -> None:
    """One JSON object on one line (JSON Lines), flushed so a consumer sees it at once."""
    emit_line(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def emit_line(line: str) -> None:
    """One line already made (a JSON line), flushed so a consumer sees it at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def plain_cell(value: object) -> str:
    """A cell as plain text: no tab or line break, so a piped row stays one line of fields."""
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def emit_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    console: Console | None = None,
    no_wrap: Sequence[str] = (),
) -> None:
    """Rows under ``columns``: a Rich table on a terminal; when piped, a header line and one
    tab-separated line per row (no box drawing, nothing cut), for ``cut``, ``awk`` or a sheet."""
    from territoria.cli.state import out

    console = console or out()
    if not console.is_terminal:
        lines = ["\t".join(columns)]
        lines.extend("\t".join(plain_cell(cell) for cell in row) for row in rows)
        console.file.write("\n".join(lines) + "\n")
        console.file.flush()
        return
    from rich.table import Column, Table

    table = Table(*(Column(name, no_wrap=name in no_wrap, overflow="fold") for name in columns))
    for row in rows:
        table.add_row(*(plain_cell(cell) for cell in row))
    console.print(table)
