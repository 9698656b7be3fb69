"""ODSQLError: every refusal of a query, named as Opendatasoft names it (HTTP 400)."""

from __future__ import annotations

from typing import Any

from territoria.errors import UserError


class ODSQLError(UserError):
    """A query Territoria will not run: malformed, unknown field, wrong type, unsupported.

    ``details`` carries the clause (``where``, ``select``…) and, when one token is at fault,
    its 1-based ``position`` in the clause's text and the ``token`` itself, so a client can
    underline it; the code is Opendatasoft's own, which clients already test for.
    """

    code = "ODSQLError"
    http_status = 400


def malformed(clause: str, position: int, token: str) -> ODSQLError:
    """The clause does not parse: ``token`` at ``position`` is where it went wrong."""
    shown = token if token else "fin de la requête"
    shown_en = token if token else "end of query"
    return ODSQLError(
        f"clause {clause} mal formée : « {shown} » inattendu en position {position}",
        f"malformed {clause} clause: unexpected '{shown_en}' at position {position}",
        details=_details(clause, position=position, token=token),
    )


def unknown_field(clause: str, name: str, known: list[str]) -> ODSQLError:
    """A name that is no field of the dataset (nor an alias of the query)."""
    return ODSQLError(
        f"clause {clause} : le champ « {name} » n'existe pas dans ce jeu de données",
        f"{clause} clause: unknown field '{name}'",
        hint_fr="champs disponibles : " + ", ".join(known[:30]),
        hint_en="available fields: " + ", ".join(known[:30]),
        details=_details(clause, token=name),
    )


def invalid(clause: str, message_fr: str, message_en: str, token: str | None = None) -> ODSQLError:
    """A query that parses but means nothing: wrong type, wrong arity, bad literal."""
    return ODSQLError(
        f"clause {clause} : {message_fr}",
        f"{clause} clause: {message_en}",
        details=_details(clause, token=token),
    )


def unsupported(clause: str, what: str) -> ODSQLError:
    """A construct of ODSQL Territoria does not run yet: refused, never answered wrongly."""
    return ODSQLError(
        f"clause {clause} : « {what} » n'est pas encore pris en charge",
        f"{clause} clause: '{what}' is not supported yet",
        details=_details(clause, token=what),
    )


def _details(
    clause: str, *, position: int | None = None, token: str | None = None
) -> dict[str, Any]:
    details: dict[str, Any] = {"clause": clause}
    if position is not None:
        details["position"] = position
    if token is not None:
        details["token"] = token
    return details
