"""CKAN's response envelope and error types: ``{"help", "success", "result"|"error"}``.

ckanapi and harvesters branch on ``error.__type`` (``Not Found Error`` → ``NotFound``,
``Validation Error`` → ``ValidationError``, ``Authorization Error`` → ``NotAuthorized``) and
on the status CKAN gives each (404, 409, 403). A validation error's ``error`` maps each
parameter to its messages, as CKAN's schemas report them. Messages are CKAN's English (which
clients match); ``message_fr`` carries the French.
"""

from __future__ import annotations

from typing import Any

from territoria.errors import UserError

TYPES_BY_STATUS = {
    400: "Validation Error",
    403: "Authorization Error",
    404: "Not Found Error",
    405: "Validation Error",
    409: "Validation Error",
    503: "Search Error",
}
"""CKAN's ``__type`` for each status our errors carry (other statuses keep ours)."""


class CkanValidationError(UserError):
    """Parameters CKAN's schema refuses: ``fields`` maps each one to its messages (409)."""

    code = "validation-error"
    http_status = 409

    def __init__(self, fields: dict[str, list[str]], message_fr: str) -> None:
        listed = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
        super().__init__(message_fr, listed, details={"fields": fields})
        self.fields = fields


def invalid(name: str, message_en: str, message_fr: str) -> CkanValidationError:
    """The 409 of one parameter ``name`` with CKAN's ``message_en``."""
    return CkanValidationError({name: [message_en]}, f"{name} : {message_fr}")


def missing(name: str) -> CkanValidationError:
    """CKAN's ``Missing value`` for a required parameter."""
    return invalid(name, "Missing value", "paramètre obligatoire absent")


def help_url(base: str, action: str) -> str:
    """``{base}/api/3/action/help_show?name=ACTION``, the ``help`` of every CKAN answer."""
    return f"{base.rstrip('/')}/api/3/action/help_show?name={action}"


def success(base: str, action: str, result: Any) -> dict[str, Any]:
    """The envelope of a successful action."""
    return {"help": help_url(base, action), "success": True, "result": result}


def error_object(error: UserError) -> dict[str, Any]:
    """CKAN's ``error`` member for ``error``: field messages for a validation error,
    ``message`` prefixed as CKAN prefixes it otherwise (``Not found: …``)."""
    kind = TYPES_BY_STATUS.get(error.http_status, "Internal Server Error")
    if error.code == "search-query-error":
        kind = "Search Query Error"
    if isinstance(error, CkanValidationError):
        return {**error.fields, "__type": kind, "message_fr": error.message_fr}
    if kind == "Validation Error":
        name = str((error.details or {}).get("parameter", "message"))
        return {name: [error.message_en], "__type": kind, "message_fr": error.message_fr}
    prefix = {"Not Found Error": "Not found: ", "Authorization Error": "Access denied: "}
    return {
        "__type": kind,
        "message": prefix.get(kind, "") + error.message_en,
        "message_fr": error.message_fr,
    }


def failure(base: str, action: str, error: UserError) -> dict[str, Any]:
    """The envelope of a failed action (the status is ``error.http_status``)."""
    return {"help": help_url(base, action), "success": False, "error": error_object(error)}


def routing_failure(error: UserError) -> dict[str, Any]:
    """The envelope of an error raised before any action ran (no route, bad method…);
    registered as the error shape of CKAN's paths."""
    return {"help": "/api/3/action/help_show", "success": False, "error": error_object(error)}


def unknown_action_body(name: str) -> str:
    """CKAN's 400 for an unknown action is a bare JSON string, not an envelope."""
    return f"Bad request - Action name not known: {name}"
