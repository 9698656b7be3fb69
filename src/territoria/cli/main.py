"""The ``territoria`` console script: ``territoria --version`` answered before anything loads,
every other command line handed to the Typer app of :mod:`territoria.cli.app`.

``app`` is still importable from here (``from territoria.cli.main import app``), on demand.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from territoria import __version__

if TYPE_CHECKING:
    import typer


def version_line() -> str:
    """What ``territoria --version`` prints."""
    return f"territoria {__version__}"


def main() -> None:
    """Console script ``territoria``."""
    if sys.argv[1:] == ["--version"]:  # the one answer that needs neither Typer nor a command
        print(version_line())
        return
    from territoria.cli.app import app

    app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        from territoria.cli.app import app

        return app
    raise AttributeError(name)


if __name__ == "__main__":
    main()
