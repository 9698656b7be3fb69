"""Page data kept until the catalogue changes: a territory page reads computed results that
only a new version (a catalogue commit) replaces, so its context is reused while the
catalogue's revision is the same (no cache when the revision cannot be known)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from territoria.web.i18n import request_language
from territoria.web.portal_state import portal_actor, portal_state

ENTRIES = 256

_kept: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def memo(request: Request, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave for the same ``key``, visitor and catalogue revision."""
    revision = portal_state(request).visible.revision.current()
    if revision is None:
        return compute()
    full = (revision, portal_actor(request), key)
    with _lock:
        if full in _kept:
            _kept.move_to_end(full)
            return _kept[full]
    value = compute()
    with _lock:
        _kept[full] = value
        while len(_kept) > ENTRIES:
            _kept.popitem(last=False)
    return value


def memo_html(request: Request, key: Hashable, build: Callable[[], HTMLResponse]) -> HTMLResponse:
    """The page ``build()`` renders, kept like :func:`memo` per language and query string
    (a page's HTML depends on nothing else: path, visitor, language, parameters)."""
    full = ("html", request_language(request), request.url.path, request.url.query, key)
    body, headers = memo(request, full, lambda: _parts(build()))
    return HTMLResponse(body, headers=headers)


def _parts(response: HTMLResponse) -> tuple[bytes, dict[str, str]]:
    return bytes(response.body), {"Content-Language": response.headers["Content-Language"]}
