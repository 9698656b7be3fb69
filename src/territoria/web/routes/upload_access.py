"""Who may use the upload wizard, and the guard on its forms.

Until accounts exist the wizard is the administrator's: the token given once on ``/upload``
is kept in an HttpOnly, SameSite=Strict cookie (``territoria_token``, read by
:func:`~territoria.web.portal_state.portal_actor`; the APIs take it for reads only). Because
a cookie authorises the wizard's writes, every form also carries a CSRF token equal to a
second random cookie (double submit): a page of another site can neither read that cookie
nor guess it.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from territoria.errors import UserError
from territoria.security.actor import TOKEN_COOKIE
from territoria.web.portal_state import portal_actor

CSRF_COOKIE = "territoria_csrf"
CSRF_FIELD = "csrf"
SESSION = 8 * 3600  # the admin cookie lasts a working day


class ForbiddenError(UserError):
    """A wizard page asked by a visitor who is not the administrator, or a form without its
    CSRF token."""

    code = "forbidden"
    http_status = 403


def is_admin(request: Request) -> bool:
    """Whether the visitor holds the administrator's token."""
    return portal_actor(request).is_admin


def require_admin(request: Request) -> None:
    """Refuse (403) a visitor who is not the administrator."""
    if not is_admin(request):
        raise ForbiddenError(
            "Réservé à l'administrateur : saisissez le jeton sur la page « Déposer un fichier ».",
            "For the administrator only: enter the token on the 'Upload a file' page.",
        )


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token (the cookie's value; a new one when there is none yet)."""
    known = request.cookies.get(CSRF_COOKIE, "")
    if not known:
        known = request.state.__dict__.setdefault("new_csrf", secrets.token_urlsafe(32))
    return str(known)


def keep_csrf(request: Request, response: Response) -> Response:
    """Set the CSRF cookie on ``response`` when this request made a new token."""
    new = request.state.__dict__.get("new_csrf")
    if new:
        _cookie(request, response, CSRF_COOKIE, new, max_age=SESSION)
    return response


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a form whose CSRF field is not the cookie's token."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise ForbiddenError(
            "Formulaire expiré ou envoyé depuis un autre site : rechargez la page et recommencez.",
            "Form expired or sent from another site: reload the page and try again.",
        )


def sign_in(request: Request, response: Response, token: str) -> None:
    """Keep the administrator's token in its cookie."""
    _cookie(request, response, TOKEN_COOKIE, token, max_age=SESSION)


def sign_out(response: Response) -> None:
    """Forget the administrator's token."""
    response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="strict")


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
