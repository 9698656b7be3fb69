"""Every error we raise on purpose speaks both languages through the one JSON body helper."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import territoria
from territoria.errors import InternalError, TerritoriaError, UserError


def _user_error_classes() -> list[type[UserError]]:
    """Every UserError subclass defined anywhere in the package."""
    for module in pkgutil.walk_packages(territoria.__path__, "territoria."):
        if ".migrations." in module.name or module.name.endswith(".__main__"):
            continue
        importlib.import_module(module.name)
    found: list[type[UserError]] = []
    pending: list[type[UserError]] = [UserError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_user_error_has_a_code_and_a_json_body_in_both_languages() -> None:
    classes = _user_error_classes()
    assert len(classes) >= 10  # the walk really found the package's errors
    codes = {}
    for cls in classes:
        signature = inspect.signature(cls.__init__)
        if list(signature.parameters)[1:3] != ["message_fr", "message_en"]:
            continue  # a subclass with its own constructor builds its messages itself
        error = cls("message français", "English message", path="f.csv", line=3)
        body = error.to_dict()
        assert set(body) >= {"error_code", "message", "message_fr", "details"}, cls
        assert body["message"] == "English message" and body["message_fr"] == "message français"
        assert body["details"]["line"] == 3 and body["details"]["path"] == "f.csv"
        # 4xx; 503 for a database the user pointed at that does not answer or a query cut by
        # its time limit; 502 for a remote portal (harvest) that answered wrongly
        assert 400 <= cls.http_status < 500 or cls.http_status in (502, 503), cls
        assert cls.exit_code in (1, 2), cls
        assert "message français" in str(error) and "English message" in str(error)
        codes.setdefault(cls.code, cls)
    assert "user-error" in codes and "invalid-setting" in codes


def test_internal_errors_are_not_user_errors() -> None:
    assert issubclass(InternalError, TerritoriaError)
    assert not issubclass(InternalError, UserError)
    assert InternalError.http_status == 500
