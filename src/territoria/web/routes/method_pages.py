"""What the method pages (a pack's, an indicator's) share: their data rendered with its
Markdown texts, the page titled by the method's own title in the visitor's language."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from territoria.web.i18n import pick, request_language
from territoria.web.markdown_text import markdown
from territoria.web.templating import render


def method_page(request: Request, template: str, name: str, info: dict[str, Any]) -> HTMLResponse:
    """The page ``template`` showing ``info`` (under ``name`` in its context)."""
    title = pick(info["title"], request_language(request))
    return render(request, template, {name: info, "markdown": markdown}, title=title)
