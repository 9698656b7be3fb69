"""Settings: documented, overridable by TERRITORIA_* and territoria.toml, bad values explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from territoria.config import Settings, SettingsError, load_settings


def test_every_setting_is_documented() -> None:
    undocumented = [
        name for name, field in Settings.model_fields.items() if not (field.description or "")
    ]
    assert undocumented == []


def test_environment_beats_the_file_which_beats_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings().threads == 2
    (tmp_path / "territoria.toml").write_text("threads = 3\nerror_list_limit = 50\n")
    assert (load_settings().threads, load_settings().error_list_limit) == (3, 50)
    monkeypatch.setenv("TERRITORIA_THREADS", "4")
    assert (load_settings().threads, load_settings().error_list_limit) == (4, 50)


def test_a_bad_value_names_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERRITORIA_THREADS", "deux")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    body = caught.value.to_dict()
    assert body["error_code"] == "invalid-setting"
    assert "TERRITORIA_THREADS" in body["message"] and "TERRITORIA_THREADS" in body["message_fr"]
    assert body["details"]["settings"] == ["TERRITORIA_THREADS"]


def test_a_broken_settings_file_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "territoria.toml").write_text("threads = \n")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.exit_code == 2
    assert caught.value.to_dict()["details"]["path"] == "territoria.toml"


@pytest.mark.parametrize("token", ["admin", "short-token", "changeme"])
def test_a_weak_admin_token_is_refused(
    token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERRITORIA_ADMIN_TOKEN", token)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.to_dict()["details"]["settings"] == ["TERRITORIA_ADMIN_TOKEN"]


def test_a_long_admin_token_is_kept_and_an_empty_one_means_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERRITORIA_ADMIN_TOKEN", "a-long-enough-secret-token")
    assert load_settings().admin_token == "a-long-enough-secret-token"
    monkeypatch.setenv("TERRITORIA_ADMIN_TOKEN", "")
    assert load_settings().admin_token is None


def test_a_refused_token_is_not_echoed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERRITORIA_ADMIN_TOKEN", "hunter2")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "hunter2" not in str(caught.value)


def test_a_portal_colour_too_light_for_white_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERRITORIA_PORTAL_COLOUR", "#ffd700")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "TERRITORIA_PORTAL_COLOUR" in caught.value.message_en
    assert "contrast" in caught.value.message_en
    monkeypatch.setenv("TERRITORIA_PORTAL_COLOUR", "#1D4E6F")
    assert load_settings().portal_colour == "#1d4e6f"
