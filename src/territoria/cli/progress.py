"""Progress display on a terminal (a spinner with the step, a bar over files), nothing piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _quiet(_what: str) -> None:
    return None


@contextmanager
def steps(title: str, show: bool = True) -> Iterator[Callable[[str], None]]:
    """A callback the services call with each step's name; shown only when stdout is a tty
    (and ``show``)."""
    if not show or not sys.stdout.isatty():
        yield _quiet
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(title, total=None)

        def advance(step: str) -> None:
            progress.update(task, description=f"{title} — {step}")

        yield advance


@contextmanager
def files(title: str, total: int) -> Iterator[Callable[[str], None]]:
    """A callback called with each file done: a bar over ``total`` files on a tty only."""
    if not sys.stdout.isatty() or total < 2:
        yield _quiet
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn(title),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("", total=total)

        def advance(name: str) -> None:
            progress.update(task, advance=1, description=name)

        yield advance
