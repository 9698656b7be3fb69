"""What a received multipart form holds — text fields, files on disk — and its refusals.

Shared by the native API and the portal's upload wizard (siblings that never import each
other), as the receiver of :mod:`~territoria.services.upload_receiving` is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from territoria.errors import UserError


class UploadTooLargeError(UserError):
    """A request body larger than the instance accepts (``max_upload_bytes``)."""

    code = "upload-too-large"
    http_status = 413


class InvalidFormError(UserError):
    """A form that is not well-formed multipart, or lacks the part it must carry."""

    code = "invalid-parameter"  # what the API answered for these before the portal shared them
    http_status = 400


class UnsupportedMediaTypeError(UserError):
    """A request body that is not the ``multipart/form-data`` an upload is sent as."""

    code = "unsupported-media-type"
    http_status = 415


@dataclass
class ReceivedFile:
    """A file part written to disk: its path (named as the client named it), and its size."""

    path: Path
    size: int = 0


@dataclass
class ReceivedForm:
    """The text fields and the files of one multipart request."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, ReceivedFile] = field(default_factory=dict)

    def require_file(self, name: str) -> ReceivedFile:
        """The file part ``name``, else a 400 naming it."""
        if name not in self.files:
            raise InvalidFormError(
                f"Fichier manquant : envoyez-le dans la partie multipart « {name} ».",
                f"Missing file: send it in the multipart part '{name}'.",
                details={"part": name},
            )
        return self.files[name]


def too_large(limit: int) -> UploadTooLargeError:
    """The 413 for a body beyond ``limit`` bytes."""
    shown = f"{limit:,}".replace(",", " ")
    return UploadTooLargeError(
        f"Fichier trop volumineux : {shown} octets au plus.",
        f"File too large: at most {shown} bytes.",
        hint_fr="réglage TERRITORIA_MAX_UPLOAD_BYTES",
        hint_en="setting TERRITORIA_MAX_UPLOAD_BYTES",
        details={"maxBytes": limit},
    )


def safe_filename(name: str, index: int) -> str:
    """The client's file name without folders or odd characters (its suffix tells the
    format; the version records it), never empty, never hidden."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^\w.()+ -]", "_", base).strip(" .")[:200]
    return cleaned or f"upload-{index}"


def invalid_form(reason: str) -> InvalidFormError:
    """The 400 of a body that is not well-formed multipart."""
    return InvalidFormError(
        f"Corps multipart invalide : {reason}.",
        f"Invalid multipart body: {reason}.",
        details={"reason": reason},
    )
