"""Named phases of an ingestion, where the crash test freezes the process to SIGKILL it there.

Random kill times rarely land in the last instants of an ingestion (between the rename into
the lake and the metadata commit, or inside the commit), so the crash test needs to stop a
real ``territoria ingest`` exactly there. The ingestion calls :func:`reached` at each phase;
when, and only when, the environment variable ``TERRITORIA_TEST_PAUSE_AT`` names that phase,
the process prints ``territoria-test-pause:<phase>`` on stderr and sleeps, waiting to be
killed. Otherwise the call is one dictionary look-up: nothing in production.

It cannot fire by accident: the variable is not a setting (``Settings`` ignores it, nothing
reads it from ``territoria.toml``); its value must be one exact phase name (any other value
is refused with an error, so a mistyped test fails instead of hanging); and the pause is
bounded: a process left paused carries on after :data:`PAUSE_SECONDS` and completes normally.
A test that wants it to carry on sooner (a race played step by step) names a file in
``TERRITORIA_TEST_RESUME_FILE``: the pause ends as soon as that file exists.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Literal, get_args

from territoria.errors import InternalError

PAUSE_VARIABLE = "TERRITORIA_TEST_PAUSE_AT"
RESUME_VARIABLE = "TERRITORIA_TEST_RESUME_FILE"
MARKER = "territoria-test-pause"
PAUSE_SECONDS = 300.0

Phase = Literal["reading", "validating", "writing", "renamed", "committing"]
"""reading: the source is open; validating: its schema is known, validation starts;
writing: data.parquet is in staging, the quarantine and report are not yet; renamed: the
version folder is in the lake, the catalogue does not know it; committing: the catalogue rows
are flushed inside the metadata transaction, whose COMMIT is being issued."""

PHASES: tuple[Phase, ...] = get_args(Phase)


def reached(phase: Phase) -> None:
    """Mark that the ingestion reached ``phase``; pauses only if the test variable names it."""
    wanted = os.environ.get(PAUSE_VARIABLE)
    if not wanted:
        return
    if wanted not in PHASES:  # a test naming no phase would wait for a marker forever
        raise InternalError(f"{PAUSE_VARIABLE}={wanted!r} names no phase of {PHASES}")
    if wanted == phase:
        _pause(phase)


def _pause(phase: Phase) -> None:
    resume = os.environ.get(RESUME_VARIABLE)
    if resume and os.path.exists(resume):
        return  # resumed already: a later pass through the phase does not pause again
    print(f"{MARKER}:{phase} pid={os.getpid()}", file=sys.stderr, flush=True)
    if not resume:
        time.sleep(PAUSE_SECONDS)
        return
    deadline = time.monotonic() + PAUSE_SECONDS
    while time.monotonic() < deadline and not os.path.exists(resume):
        time.sleep(0.05)
