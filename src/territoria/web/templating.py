"""Jinja2 rendering of the portal's pages with the visitor's language and the brand."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.core import Locale
from babel.dates import format_datetime
from babel.numbers import NumberPattern, parse_pattern
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from territoria.web.branding import Brand
from territoria.web.i18n import BABEL_LOCALES, ntranslator, pick, request_language, translator
from territoria.web.portal_state import portal_state
from territoria.web.static_files import static_url

TEMPLATES_DIR = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """The one template environment: autoescaped HTML, gettext calls, whitespace trimmed."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = static_url
    return env


@cache
def _number_format(lang: str, decimals: int | None) -> tuple[NumberPattern, Locale]:
    """The parsed pattern and locale :func:`babel.numbers.format_decimal` would parse on each
    call (half its time, and a territory's page writes some 200 numbers)."""
    locale = Locale.parse(BABEL_LOCALES[lang])
    fraction = "." + "0" * decimals if decimals else ""
    pattern = locale.decimal_formats[None] if decimals is None else "#,##0" + fraction
    return parse_pattern(pattern), locale


def number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """``value`` written the visitor's way (``1 234,5`` in French, ``1,234.5`` in English)."""
    if value is None:
        return "—"
    pattern, locale = _number_format(lang, decimals)
    return str(pattern.apply(value, locale, decimal_quantization=True, group_separator=True))


def when(value: str | dt.datetime | None, lang: str) -> str:
    """A timestamp (ISO string or datetime) as a reader's date and time."""
    if value is None or value == "":
        return "—"
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return str(format_datetime(moment, format="medium", locale=BABEL_LOCALES[lang]))


def with_query(request: Request, **changes: Any) -> str:
    """The current path with some query parameters changed (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        params.extend((key, str(item)) for item in values)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    title: str | None = None,
) -> HTMLResponse:
    """The page ``template`` for ``request``: language, brand and helpers in its context."""
    lang = request_language(request)
    translate = translator(lang)
    state = portal_state(request)
    page: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "other_lang": "en" if lang == "fr" else "fr",
        "brand": Brand.of(state.settings),
        "page_title": title,
        "_": translate,
        "gettext": translate,
        "ngettext": ntranslator(lang),
        "number": lambda value, decimals=None: number(value, lang, decimals),
        "when": lambda value: when(value, lang),
        "pick": lambda text: pick(text, lang),
        "with_query": lambda **changes: with_query(request, **changes),
    }
    page.update(context or {})
    html = environment().get_template(template).render(page)
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Content-Language"] = lang
    return response
