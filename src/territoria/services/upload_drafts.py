"""The upload wizard's files between its steps: one folder per upload under ``<tmp>/uploads``.

Each upload is keyed by an unguessable id (192 random bits) and holds the received file and
what the agent chose so far (reading options, schema, column types) as ``state.json``. An
upload is erased once published, discarded, or left alone longer than its time to live; one
kept as a draft lives longer (a week) and is listed for the administrator to resume. This
is the portal's draft: the catalogue has no unpublished version, so a draft is a file not
yet ingested, never a hidden version. The folder is outside the scratch areas that
recovery erases at start-up, so a restart keeps drafts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from territoria.errors import NotFoundError

UPLOADS_DIRNAME = "uploads"
STATE_FILE = "state.json"
OPEN_FOR = dt.timedelta(hours=24)
DRAFT_FOR = dt.timedelta(days=7)
_ID = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass
class WizardUpload:
    """One upload in the wizard: its file and the choices made at each step."""

    id: str
    filename: str
    slug: str
    title: str | None = None
    created: str = ""
    draft: bool = False
    options: dict[str, Any] = field(default_factory=dict)  # encoding, delimiter, header_row, sheet
    schema: str | None = None  # a bundled schema's name; None: inferred from the file
    types: dict[str, str] = field(default_factory=dict)  # column → type chosen over inference

    def expires(self) -> dt.datetime:
        """When the upload is erased if nothing is done with it."""
        return dt.datetime.fromisoformat(self.created) + (DRAFT_FOR if self.draft else OPEN_FOR)


class UploadStore:
    """The wizard's uploads of one instance (``tmp_dir`` of its settings)."""

    def __init__(self, tmp_dir: Path) -> None:
        self.root = tmp_dir / UPLOADS_DIRNAME

    def _folder(self, upload_id: str) -> Path:
        if not _ID.fullmatch(upload_id) or not (self.root / upload_id / STATE_FILE).is_file():
            raise NotFoundError(
                "Ce dépôt n'existe pas ou a expiré : déposez le fichier à nouveau.",
                "This upload does not exist or has expired: upload the file again.",
                details={"upload": upload_id[:40]},
            )
        return self.root / upload_id

    def create(self, received: Path, slug: str, title: str | None) -> WizardUpload:
        """A new upload holding ``received`` (moved in: same filesystem as the scratch area)."""
        self.purge()
        upload_id = secrets.token_urlsafe(24)
        folder = self.root / upload_id
        folder.mkdir(parents=True)
        os.replace(received, folder / received.name)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        upload = WizardUpload(upload_id, received.name, slug, title, created=now)
        self.save(upload)
        return upload

    def get(self, upload_id: str) -> WizardUpload:
        """The upload ``upload_id`` (NotFoundError when unknown or expired)."""
        folder = self._folder(upload_id)
        try:
            upload = WizardUpload(**json.loads((folder / STATE_FILE).read_text(encoding="utf-8")))
            expired = upload.expires() < dt.datetime.now(dt.UTC)
        except (ValueError, TypeError):  # a state this version cannot read: start again
            expired = True
        if expired:
            self.remove(upload_id)
            return self.get(upload_id)  # raises NotFoundError
        return upload

    def save(self, upload: WizardUpload) -> None:
        """Record the upload's choices (written whole, then renamed into place)."""
        folder = self.root / upload.id
        temporary = folder / (STATE_FILE + ".new")
        temporary.write_text(json.dumps(asdict(upload), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / STATE_FILE)

    def file(self, upload: WizardUpload) -> Path:
        """The uploaded file on disk."""
        return self._folder(upload.id) / upload.filename

    def replace_file(self, upload: WizardUpload, received: Path) -> None:
        """Put a corrected file in place of the upload's one; the choices are kept."""
        self.file(upload).unlink(missing_ok=True)
        os.replace(received, self._folder(upload.id) / received.name)
        upload.filename = received.name
        self.save(upload)

    def remove(self, upload_id: str) -> None:
        """Erase the upload (after publishing, or discarded)."""
        if _ID.fullmatch(upload_id):
            shutil.rmtree(self.root / upload_id, ignore_errors=True)

    def drafts(self) -> list[WizardUpload]:
        """The uploads kept as drafts, most recent first."""
        self.purge()
        found = [self.get(folder.name) for folder in self._folders()]
        return sorted((u for u in found if u.draft), key=lambda u: u.created, reverse=True)

    def purge(self) -> None:
        """Erase every upload past its time to live (and any unreadable leftover)."""
        now = dt.datetime.now(dt.UTC)
        for folder in self._folders():
            try:
                state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
                expired = WizardUpload(**state).expires() < now
            except (OSError, ValueError, TypeError):  # being created, or a broken leftover
                age = now - dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.UTC)
                expired = age > OPEN_FOR
            if expired:
                shutil.rmtree(folder, ignore_errors=True)

    def _folders(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [f for f in self.root.iterdir() if f.is_dir() and _ID.fullmatch(f.name)]
