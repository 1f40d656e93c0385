"""What a page weighs: static files fingerprinted and kept a year, every response compressed.

Every `url_for("static", filename=…)` carries `?v=` and the first twelve hex digits of the
file's SHA-256. A browser may then keep the file for a year without asking again (the
address changes when the file does); a request without the current fingerprint (an old page,
a hand-typed address) is answered too, but must be revalidated. Flask-Compress compresses the
pages, the JSON and the static files for clients that accept it (zstd, brotli or gzip), so the
tracker is light on a phone whether or not a proxy in front of it compresses.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request
from flask_compress import Compress

#: A year, the longest a cache is asked to keep anything (RFC 9111 advises no more).
YEAR = 365 * 24 * 3600
FINGERPRINT = "v"

compress = Compress()


def init_app(app: Flask) -> None:
    # Exports (xlsx, docx, pdf) are compressed formats already: only text is worth the work.
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        ["text/html", "text/css", "text/csv", "text/plain", "text/javascript",
         "application/javascript", "application/json", "image/svg+xml", "text/calendar"],
    )  # fmt: skip
    compress.init_app(app)
    app.url_defaults(add_fingerprint)
    app.after_request(prepare_static)


@lru_cache(maxsize=512)
def fingerprint(folder: str, filename: str) -> str | None:
    """The file's fingerprint (None for a file that does not exist). Static files change only
    with a release, which restarts the processes, so each is read once."""
    path = Path(folder, filename)
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def add_fingerprint(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and FINGERPRINT not in values:
        found = fingerprint(current_app.static_folder, values["filename"])
        if found:
            values[FINGERPRINT] = found


def prepare_static(response: Response) -> Response:
    """A static file asked for by its current fingerprint is kept for a year, unchanged.

    Flask sends a static file as a stream, and a compressed stream would leave the file to be
    closed by the garbage collector: the files are small (Bootstrap's stylesheet, 230 KB, is
    the largest), so each is read whole and closed with the response. (Runs before the
    compression: Flask calls the later-registered hook first.)"""
    if request.endpoint != "static" or response.status_code != 200:
        return response
    response.direct_passthrough = False
    response.make_sequence()
    filename = (request.view_args or {}).get("filename", "")
    current = fingerprint(current_app.static_folder, filename)
    if current and request.args.get(FINGERPRINT) == current:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response
