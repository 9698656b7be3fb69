"""The test hook of ingestion phases: silent unless its variable names a phase, strict on typos."""

from __future__ import annotations

import pytest

from territoria.errors import InternalError
from territoria.storage import phases


def test_phases_are_the_ones_the_crash_test_needs() -> None:
    assert phases.PHASES == ("reading", "validating", "writing", "renamed", "committing")


@pytest.mark.parametrize("value", [None, "", "writing"])
def test_other_phases_pass_through(
    value: str | None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if value is None:
        monkeypatch.delenv(phases.PAUSE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(phases.PAUSE_VARIABLE, value)
    for phase in ("reading", "validating", "renamed", "committing"):
        phases.reached(phase)
    assert capsys.readouterr() == ("", "")


def test_the_named_phase_prints_its_marker_and_pauses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(phases.PAUSE_VARIABLE, "renamed")
    monkeypatch.setattr(phases, "PAUSE_SECONDS", 0.01)
    phases.reached("renamed")
    assert capsys.readouterr().err.startswith(f"{phases.MARKER}:renamed pid=")


def test_a_value_naming_no_phase_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(phases.PAUSE_VARIABLE, "comitting")
    with pytest.raises(InternalError, match="comitting"):
        phases.reached("reading")
