"""Fixtures of every test folder: instances that take seconds to build (packs computed from the
real samples) are built once per test run, even on several xdist workers, and copied per use."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

Build = Callable[[Path], object]
"""Fills a new instance home (the folder given) from scratch; may write beside it too."""

CopyOf = Callable[[str, Build], Path]
"""``copy_of(name, build)``: a private copy of the home that ``build`` filled once for the run."""

_DONE = ".built"


@pytest.fixture(scope="session")
def instance_copy(tmp_path_factory: pytest.TempPathFactory) -> CopyOf:
    """``instance_copy(name, build)``: a new folder holding a copy of the instance home
    ``build`` made; the first caller of the run builds it (under a lock, so that the workers
    of ``pytest -n 2`` wait for one build rather than each building it), later callers copy it.
    A home is relocatable (the catalogue stores lake paths relative to it), and a copy is a
    few milliseconds where a build is tens of seconds; each user may then write to its own."""
    base = tmp_path_factory.getbasetemp()
    # the workers of one run share their base's parent (pytest-N/popen-gwK); a run without
    # workers keeps its templates in its own base (the parent is shared by earlier runs)
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    templates = shared / "instance-templates"
    templates.mkdir(exist_ok=True)

    def copy_of(name: str, build: Build) -> Path:
        template = templates / name
        with (templates / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (template / _DONE).exists():
                shutil.rmtree(template, ignore_errors=True)  # a build that failed half-way
                template.mkdir()
                build(template / "home")
                (template / _DONE).touch()
        copy = tmp_path_factory.mktemp(name) / "template"
        shutil.copytree(template, copy)  # the home, and what ``build`` wrote beside it
        return copy / "home"

    return copy_of
