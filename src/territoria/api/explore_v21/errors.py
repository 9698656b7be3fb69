"""Errors of the Explore API dressed as Opendatasoft dresses them: ``{"error_code", "message"}``.

Reusers' scripts and Opendatasoft's own client branch on the HTTP status and read
``error_code``; the codes are Opendatasoft's (``ODSQLError`` for a query that does not parse
or names an unknown field, ``InvalidRESTParameterError`` for a parameter out of its range)
and the ``message`` is English as Opendatasoft writes it. ``message_fr`` carries the same
explanation in French for our French-first users; extra keys do not disturb ODS clients.
"""

from __future__ import annotations

from typing import Any

from territoria.errors import UserError

ODS_CODES = {
    "odsql-error": "ODSQLError",
    "invalid-parameter": "InvalidRESTParameterError",
    "invalid-rest-parameter": "InvalidRESTParameterError",
    "not-found": "NotFoundError",
    "authorization-error": "AuthorizationError",
    "query-timeout": "QueryTimeoutError",
    "unknown-export-format": "InvalidRESTParameterError",
    "invalid-export-option": "InvalidRESTParameterError",
}
"""Our stable codes → Opendatasoft's ``error_code``; others keep ours."""


def ods_error_code(error: UserError) -> str:
    """The Opendatasoft ``error_code`` of ``error`` (ODSQL errors of any subclass included)."""
    if error.http_status == 405:
        return "MethodNotAllowedError"
    if error.code in ODS_CODES:
        return ODS_CODES[error.code]
    if any(cls.__name__ == "ODSQLError" for cls in type(error).__mro__):
        return "ODSQLError"
    return error.code


def ods_error_body(error: UserError) -> dict[str, Any]:
    """The body Opendatasoft answers for ``error``: ``error_code`` and an English ``message``
    (plus ``message_fr``)."""
    return {
        "error_code": ods_error_code(error),
        "message": error.message_en,
        "message_fr": error.message_fr,
    }


class InvalidRESTParameterError(UserError):
    """A REST parameter (``limit``, ``offset``, a boolean, an export option) out of range."""

    code = "invalid-rest-parameter"
    http_status = 400


class UnknownDatasetError(UserError):
    """A dataset that does not exist or that the caller may not see (the same answer)."""

    code = "not-found"
    http_status = 404


def unknown_dataset(dataset_id: str) -> UnknownDatasetError:
    """The 404 of an unknown (or invisible) dataset, worded as Opendatasoft words it."""
    return UnknownDatasetError(
        f"Jeu de données inconnu : {dataset_id}",
        f"Unknown dataset: {dataset_id}",
        details={"dataset_id": dataset_id},
    )


def bad_parameter(name: str, value: object, expected: str) -> InvalidRESTParameterError:
    """``Invalid value for limit API parameter: 101 was found but -1 <= limit <= 100 is
    expected.`` — Opendatasoft's sentence, which scripts match on."""
    return InvalidRESTParameterError(
        f"Valeur invalide pour le paramètre {name} : {value} reçu, {expected} attendu.",
        f"Invalid value for {name} API parameter: {value} was found but {expected} is expected.",
        details={"parameter": name, "value": str(value)},
    )
