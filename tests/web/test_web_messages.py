"""Every French message of the portal's templates and routes has its English translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from territoria.web.i18n import catalogue

WEB = Path(__file__).resolve().parents[2] / "src" / "territoria" / "web"


def _messages() -> set[str]:
    found: set[str] = set()
    templates = extract_from_dir(
        WEB / "templates",
        method_map=[("**.html", "jinja2.ext:babel_extract")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    code = extract_from_dir(WEB, method_map=[("**.py", "python")])
    for _file, _line, message, _comments, _context in [*templates, *code]:
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid:
                found.add(msgid)
    return found


def test_every_portal_message_has_an_english_translation() -> None:
    messages = _messages()
    assert "Aller au contenu" in messages  # the extraction itself works
    english = catalogue("en")
    missing = sorted(m for m in messages if m not in english)
    assert missing == [], "messages without English in locale/en/*.po:\n" + "\n".join(missing)


def test_english_catalogues_hold_no_stale_message() -> None:
    stale = sorted(set(catalogue("en")) - _messages())
    assert stale == [], "translations of messages no template uses:\n" + "\n".join(stale)
