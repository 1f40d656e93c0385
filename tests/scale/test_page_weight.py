"""What each page of the three journeys weighs on the wire: under 100 KB with everything it loads.

A browser asks for compression; the page and every stylesheet and script it links are counted as
they travel. Static files are addressed by their fingerprint and kept a year; the scripts never
block the page from rendering.
"""

from __future__ import annotations

import re
from pathlib import Path

import brotli
import pytest

from tests.scale.journeys import HEAD, JOURNEY_PAGES, OFFICE
from tracker.web.assets import YEAR, fingerprint

BUDGET = 100 * 1024
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
LINKED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


@pytest.mark.parametrize(("who", "path"), JOURNEY_PAGES)
def test_a_journey_page_weighs_under_100_kb(login, item_by_code, who, path):
    client = login(who)
    address = path.format(item=item_by_code("NV-LV-01-SO-HOA").id)
    page = client.get(address, headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["Content-Encoding"] in {"br", "zstd", "gzip"}
    assets = LINKED.findall(client.get(address).text)  # read as the browser reads it
    assert len(assets) >= 4  # Bootstrap's and the tracker's stylesheets and scripts
    weight = len(page.get_data())  # as sent: compressed
    for address in assets:
        with client.get(address, headers=BROWSER) as asset:
            assert asset.status_code == 200, address
            assert asset.headers.get("Content-Encoding") in {"br", "zstd", "gzip"}
            weight += len(asset.get_data())
    assert weight < BUDGET, f"{path} as {who}: {weight} bytes"


def test_static_files_are_fingerprinted_and_kept_a_year(login, app):
    html = login(OFFICE).get("/").text
    assets = LINKED.findall(html)
    client = app.test_client()
    for address in assets:
        name, _, version = address.removeprefix("/static/").partition("?v=")
        assert version == fingerprint(app.static_folder, name), address
        with client.get(address) as kept:
            assert kept.cache_control.max_age == YEAR and kept.cache_control.immutable
    with client.get(assets[0].split("?")[0] + "?v=000000000000") as stale:
        assert stale.status_code == 200 and stale.cache_control.max_age != YEAR


def test_no_script_blocks_rendering(login):
    html = login(HEAD).get("/items/").text
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(" defer" in tag or " async" in tag for tag in scripts)


def test_a_compressed_page_reads_as_the_plain_one(login):
    client = login(OFFICE)
    plain = client.get("/office/overdue").get_data()
    squeezed = client.get("/office/overdue", headers={"Accept-Encoding": "br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in squeezed.headers["Vary"]
    assert len(squeezed.get_data()) < len(plain) / 3
    # The CSRF tokens in the forms differ between the two answers; the rest is the same.
    strip = re.compile(rb'name="csrf_token" (?:type="hidden" )?value="[^"]+"')
    assert strip.sub(b"", brotli.decompress(squeezed.get_data())) == strip.sub(b"", plain)


def test_the_icon_is_answered_again_without_its_bytes(client, app):
    """Browsers ask for /favicon.ico beside every page: the answer carries a validator, and a
    browser that holds the icon gets a 304 with no body."""
    first = client.get("/favicon.ico")
    assert first.status_code == 200 and first.mimetype == "image/vnd.microsoft.icon"
    assert first.data == (Path(app.static_folder) / "favicon.ico").read_bytes()
    again = client.get("/favicon.ico", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
