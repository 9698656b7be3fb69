"""Global options shared by every command, error handling and the consoles (stdout, stderr)."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from territoria.errors import UserError

if TYPE_CHECKING:  # Rich and the settings stack load on use: `territoria --help` starts fast
    from rich.console import Console

    from territoria.config import Settings

P = ParamSpec("P")
R = TypeVar("R")
INTERNAL_EXIT = 3
BROKEN_PIPE_EXIT = 141  # as a shell reports a process ended by SIGPIPE (128 + 13)


@dataclass
class GlobalOptions:
    """What the top-level callback parsed."""

    home: Path | None = None
    debug: bool = False


OPTIONS = GlobalOptions()


def out() -> Console:
    """The console of results (stdout); plain when piped."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=True, width=160)
    return console


def err() -> Console:
    """The console of messages and errors (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def settings(home: Path | None = None) -> Settings:
    """The instance settings: ``home`` > global ``--home`` > TERRITORIA_HOME > ./var."""
    from territoria.config import load_settings

    return load_settings(home or OPTIONS.home)


def print_user_error(error: UserError) -> None:
    """French then English, no traceback."""
    from rich.text import Text

    console = err()
    lines = error.render().splitlines()
    console.print(Text.assemble(("Erreur", "bold red"), " : ", lines[0]))
    for line in lines[1:]:
        console.print(Text.assemble(("Error", "bold red"), ": ", line))


def stop_writing_stdout() -> None:
    """The reader of our output went away (``territoria validate … | head``): nothing is
    wrong with the command, so no message; stdout goes to /dev/null so that the flush at exit
    does not fail a second time (the recipe of Python's ``signal`` documentation)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into their exit code and bugs into exit 3 (traceback with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            stop_writing_stdout()
            raise typer.Exit(BROKEN_PIPE_EXIT) from None
        except UserError as error:
            print_user_error(error)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            console = err()
            if OPTIONS.debug:
                console.print(traceback.format_exc(), markup=False)
            console.print(
                f"Erreur interne ({type(error).__name__}) : relancez avec --debug et signalez-la.\n"
                f"Internal error ({type(error).__name__}): rerun with --debug and report it.",
                markup=False,
            )
            raise typer.Exit(INTERNAL_EXIT) from None

    return wrapper
