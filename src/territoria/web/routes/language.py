"""The language switch and the brand's logo: small routes every page links to."""

from __future__ import annotations

import mimetypes

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from territoria.errors import UserError
from territoria.web.i18n import LANG_COOKIE, LANGUAGES
from territoria.web.portal_state import portal_state

router = APIRouter(include_in_schema=False)
YEAR = 365 * 24 * 3600


class UnknownLanguageError(UserError):
    """A language the portal has no catalogue for."""

    code = "unknown-language"
    http_status = 404


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never ``//host`` or a full URL: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/lang/{lang}")
async def switch_language(lang: str, request: Request, next: str | None = None) -> Response:
    """Remember ``lang`` in a cookie and go back to the page the visitor was reading."""
    if lang not in LANGUAGES:
        raise UnknownLanguageError(
            f"Langue inconnue : {lang} (langues : {', '.join(LANGUAGES)})",
            f"Unknown language: {lang} (languages: {', '.join(LANGUAGES)})",
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, samesite="lax", httponly=True)
    return response


@router.get("/brand/logo")
async def brand_logo(request: Request) -> Response:
    """The organisation's logo file from the settings (404 when none is configured)."""
    logo = portal_state(request).settings.portal_logo
    if logo is None or not logo.is_file():
        raise UserError("Aucun logo n'est configuré.", "No logo is configured.")
    media_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    return FileResponse(logo, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
