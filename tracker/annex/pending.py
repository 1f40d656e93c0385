"""An uploaded annex kept between its preview and the confirmation: stored under a generated
name beside the evidence files, read back by that name only, removed once imported."""

from __future__ import annotations

import re
import uuid

from flask_babel import gettext as _

from tracker.evidence.files import upload_folder
from tracker.refusals import Invalid

TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _path(token: str):
    if not TOKEN.match(token or ""):
        raise Invalid(_("This preview has expired: upload the sheet again."))
    return upload_folder() / f"annex-{token}.xlsx"


def keep(data: bytes) -> str:
    """Store an upload for its confirmation; return its token."""
    token = uuid.uuid4().hex
    _path(token).write_bytes(data)
    return token


def read(token: str) -> bytes:
    path = _path(token)
    if not path.is_file():
        raise Invalid(_("This preview has expired: upload the sheet again."))
    return path.read_bytes()


def forget(token: str) -> None:
    _path(token).unlink(missing_ok=True)
