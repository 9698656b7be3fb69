"""Progress display: a Rich spinner with the current step on a terminal, nothing when piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def steps(title: str) -> Iterator[Callable[[str], None]]:
    """A callback the services call with each step's name; shown only when stdout is a tty."""
    if not sys.stdout.isatty():
        yield lambda _step: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(title, total=None)

        def advance(step: str) -> None:
            progress.update(task, description=f"{title} — {step}")

        yield advance
