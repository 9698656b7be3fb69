"""The caller of a service: anonymous, or the administrator holding the instance's token."""

from __future__ import annotations

import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who is asking. Accounts and organisation roles come later; for now, admin or not."""

    is_admin: bool = False

    @property
    def kind(self) -> str:
        """``admin`` or ``anonymous``, for logs."""
        return "admin" if self.is_admin else "anonymous"


ANONYMOUS = Actor()
ADMIN = Actor(is_admin=True)

TOKEN_COOKIE = "territoria_token"
"""The cookie holding the administrator's token once given on the portal's upload page
(HttpOnly, SameSite=Strict): the portal reads it for its pages, the APIs for reads only."""


def actor_for_token(presented: str | None, admin_token: str | None) -> Actor:
    """The administrator when ``presented`` equals the configured token (constant-time
    comparison), else anonymous; with no token configured nobody is administrator."""
    if not presented or not admin_token:
        return ANONYMOUS
    same = hmac.compare_digest(presented.encode(), admin_token.encode())
    return ADMIN if same else ANONYMOUS
