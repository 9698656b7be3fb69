"""The ``string`` type and its formats: default, email, uri, uuid, binary (and wkt, lightly)."""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = ("default", "email", "uri", "uuid", "binary", "wkt")

_EMAIL_CHARS = r"[\u00A0-\u024F0-9a-z!#$%&'*+/=?^_`{}|~\-]"
_EMAIL_LOCAL = re.compile(
    rf"^(?:[\u00A0-\u024F]|{_EMAIL_CHARS}+(\.{_EMAIL_CHARS}+)*"
    r'|"([\u00A0-\u024F\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\011.])*")$',
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$", re.IGNORECASE
)
_URI_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_WKT = re.compile(
    r"^\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)"
    r"\s*(Z|M|ZM)?\s*(\(.*\)|EMPTY)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def _is_email(text: str) -> bool:
    """One ``@``, a local part of allowed characters (≤ 64) and a dotted domain (≤ 253)."""
    if text.count("@") != 1:
        return False
    local, domain = text.rsplit("@", 1)
    if len(local) > 64 or len(domain) > 253 or not _EMAIL_LOCAL.match(local):
        return False
    if not domain or re.search(r"\s|__+", domain):
        return False
    try:
        encoded = domain.encode("idna").decode("utf-8")
    except UnicodeError:
        return False
    return len(encoded.rstrip(".")) <= 253 and bool(_DOMAIN.match(encoded))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _is_binary(text: str) -> bool:
    try:
        base64.b64decode(text)
    except (binascii.Error, ValueError):
        return False
    return True


_CHECKS: dict[str, Callable[[str], bool]] = {
    "email": _is_email,
    "uri": lambda text: _URI_SCHEME.match(text) is not None,
    "uuid": _is_uuid,
    "binary": _is_binary,
    "wkt": lambda text: _WKT.match(text) is not None,
}


def parse(cell: str, field: Field) -> str | Invalid:
    """The text itself, when it satisfies the field's format (any text for ``default``)."""
    check = _CHECKS.get(field.format)
    if check is not None and not check(cell):
        return INVALID
    return cell


VALID_SAMPLES: list[Sample] = [
    ("bonjour", {}),
    ("01001", {}),
    ("  espaces  ", {}),
    ("mairie@ville.fr", {"format": "email"}),
    ("jean.dupont+test@sous.domaine.gouv.fr", {"format": "email"}),
    ("https://www.data.gouv.fr/fr/", {"format": "uri"}),
    ("mailto:contact@ville.fr", {"format": "uri"}),
    ("urn:isbn:0451450523", {"format": "uri"}),
    ("2bc1c94f-0deb-43e9-92a1-4775189ec9f8", {"format": "uuid"}),
    ("2BC1C94F0DEB43E992A14775189EC9F8", {"format": "uuid"}),
    ("aGVsbG8=", {"format": "binary"}),
    ("a+b.c-d:x", {"format": "uri"}),
    ("é@ville.fr", {"format": "email"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("pas-un-email", {"format": "email"}),
    ("a@@b.fr", {"format": "email"}),
    ("a@b", {"format": "email"}),
    ("jean dupont@ville.fr", {"format": "email"}),
    ("www.ville.fr", {"format": "uri"}),
    ("/chemin/relatif", {"format": "uri"}),
    ("2bc1c94f-0deb-43e9-92a1", {"format": "uuid"}),
    ("aGVsbG8", {"format": "binary"}),
    ("10:00:00", {"format": "uri"}),
    ("1a:x", {"format": "uri"}),
    ("a@b..fr", {"format": "email"}),
    ("a@b_c.fr", {"format": "email"}),
]
