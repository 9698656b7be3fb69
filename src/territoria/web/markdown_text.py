"""Markdown of packs' and indicators' methods rendered as safe HTML (raw HTML escaped)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables, raw HTML off: a method's ``<script>`` shows as text, and links
    with ``javascript:`` or ``data:`` targets are refused by markdown-it's link validation."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def markdown(text: str | None, shift: int = 0) -> Markup:
    """``text`` as HTML; headings shifted down by ``shift`` levels so they follow the page's."""
    html = _parser().render(text or "")
    if shift:
        for level in range(6, 0, -1):
            target = min(level + shift, 6)
            html = html.replace(f"<h{level}>", f"<h{target}>").replace(
                f"</h{level}>", f"</h{target}>"
            )
    return Markup(html)  # markdown-it escaped every raw HTML and text node
