"""Receive a multipart upload straight to disk: each file part streamed into a folder, bounded.

Starlette's form parser spools file parts to the system's temporary folder and bounds only
the text parts; an upload of several gigabytes must instead land in the instance's own
scratch area (same filesystem as the lake, erased by recovery should the server die) and be
cut at ``max_upload_bytes`` while it arrives, not after. So the request stream is fed to
python-multipart here, and every file part's bytes are written as they come. The native
API's uploads and the portal's upload wizard both receive files this one way.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

import anyio
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from territoria.services.received_form import (
    ReceivedFile,
    ReceivedForm,
    UnsupportedMediaTypeError,
    invalid_form,
    safe_filename,
    too_large,
)

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

MAX_FIELD_BYTES = 64 * 1024  # a text field (a schema name, an option) is short
MAX_PARTS = 20
FORM_OVERHEAD = 1024 * 1024  # boundaries, part headers and text fields beside the files
FLUSH_BYTES = 1024 * 1024  # received bytes kept before a worker thread writes them


class _Receiver:
    """python-multipart callbacks writing file parts into ``folder``, keeping text fields."""

    def __init__(self, folder: Path, limit: int, charset: str) -> None:
        self.folder, self.limit, self.charset = folder, limit, charset
        self.form = ReceivedForm()
        self.header_name, self.header_value = b"", b""
        self.disposition = b""
        self.name = ""
        self.text: bytearray | None = None
        self.out: IO[bytes] | None = None
        self.file: ReceivedFile | None = None
        self.parts = 0
        self.file_bytes = 0
        self.pending: list[tuple[IO[bytes], bytes]] = []
        self.pending_bytes = 0

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise invalid_form(f"more than {MAX_PARTS} parts")
        self.disposition = b""

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if b"name" not in options:
            raise invalid_form("a part has no Content-Disposition name")
        self.name = options[b"name"].decode(self.charset, errors="replace")
        if b"filename" in options:
            filename = options[b"filename"].decode(self.charset, errors="replace")
            target = self.folder / f"part-{self.parts}" / safe_filename(filename, self.parts)
            target.parent.mkdir()
            self.file = ReceivedFile(target)
            self.form.files[self.name] = self.file
            self.out = target.open("wb")
            self.text = None
        else:
            self.text, self.out, self.file = bytearray(), None, None

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.out is not None and self.file is not None:
            self.file_bytes += len(chunk)
            if self.file_bytes > self.limit:
                raise too_large(self.limit)
            self.file.size += len(chunk)
            self.pending.append((self.out, chunk))
            self.pending_bytes += len(chunk)
        elif self.text is not None:
            if len(self.text) + len(chunk) > MAX_FIELD_BYTES:
                raise invalid_form(f"field '{self.name}' longer than {MAX_FIELD_BYTES} bytes")
            self.text.extend(chunk)

    def on_part_end(self) -> None:
        if self.out is not None:
            self.pending.append((self.out, b""))  # b"": close once written
            self.out = None
        elif self.text is not None:
            self.form.fields[self.name] = self.text.decode(self.charset, errors="replace")

    def flush(self) -> None:
        """Write what the last chunk brought (in a worker thread: disk writes block)."""
        for out, chunk in self.pending:
            if chunk:
                out.write(chunk)
            else:
                out.close()
        self.pending.clear()
        self.pending_bytes = 0


async def receive_form(request: Request, folder: Path, limit: int) -> ReceivedForm:
    """The multipart body of ``request`` with its file parts written under ``folder``; a body
    announced or found larger than ``limit`` (+ room for the form itself) is a 413."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
        raise too_large(limit)
    kind, params = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data":
        raise UnsupportedMediaTypeError(
            "Envoyez le fichier en multipart/form-data (partie « file »).",
            "Send the file as multipart/form-data (part 'file').",
            details={"contentType": kind.decode("latin-1")},
        )
    if b"boundary" not in params:
        raise invalid_form("no boundary in Content-Type")
    charset = params.get(b"charset", b"utf-8").decode("latin-1")
    receiver = _Receiver(folder, limit, "utf-8" if charset.lower() in ("", "utf8") else charset)
    body = 0
    try:
        parser = MultipartParser(params[b"boundary"], _callbacks(receiver))
        async for chunk in request.stream():
            body += len(chunk)
            if body > limit + FORM_OVERHEAD:
                raise too_large(limit)
            parser.write(chunk)
            if receiver.pending_bytes >= FLUSH_BYTES:
                await anyio.to_thread.run_sync(receiver.flush)
        parser.finalize()
    except (FormParserError, LookupError) as error:
        raise invalid_form(str(error) or type(error).__name__) from None
    except ClientDisconnect:
        raise invalid_form("the client left before the end of the upload") from None
    finally:
        receiver.flush()
        if receiver.out is not None:
            receiver.out.close()
    return receiver.form


def _callbacks(receiver: _Receiver) -> MultipartCallbacks:
    return {
        "on_part_begin": receiver.on_part_begin,
        "on_part_data": receiver.on_part_data,
        "on_part_end": receiver.on_part_end,
        "on_header_field": receiver.on_header_field,
        "on_header_value": receiver.on_header_value,
        "on_header_end": receiver.on_header_end,
        "on_headers_finished": receiver.on_headers_finished,
    }
