"""The ``territoria`` command line (Typer + Rich): thin commands over the service layer.

Start-up is a contract (``--help`` under 0.2 s): the modules Typer reads at start-up import
only Typer and our light modules, services load inside the commands, and the command modules
do without ``from __future__ import annotations`` (Typer evaluates every annotation of every
command at start-up; a string annotation costs a compile each).
"""
