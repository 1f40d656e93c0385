"""A `next` leads only to a page of this site: the one helper, and the two views that follow one."""

import re
from urllib.parse import quote, urljoin, urlsplit

import pytest

from tracker.http import site_path

SITE = "http://tracker.test/items/1"

#: What people try so that a browser leaves the site: each must be refused.
BYPASSES = [
    "//x",
    "////x",
    "\\x",
    "/\\x",
    "/\\/x",
    "/%2f%2fx",
    "/%2F/x",
    "%2f%2fx",
    "/%5cx",
    "https://x",
    "http:x",
    "http:/x",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\t/x",
    "/\n/x",
    "/\r\n/x",
    " //x",
    "/ /x",
    "/%09/x",
    "/x@evil",
    "//user@evil",
    "http://tracker.test@evil",
    "/\x00/x",
    "",
    None,
]
#: Paths of this site, as pages and the language switch send them: kept exactly.
GOOD = [
    "/",
    "/items/",
    "/items/?q=y%20te",
    "/reports/agencies?as_of=2026-01-01",
    "/items/7#history",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_a_target_that_could_leave_the_site_is_refused(target):
    assert site_path(target) is None


@pytest.mark.parametrize("target", GOOD)
def test_a_path_of_this_site_is_kept(target):
    assert site_path(target) == target
    assert urlsplit(urljoin(SITE, target)).netloc == "tracker.test"


def _lands_here(response) -> None:
    """A redirect whose target a browser resolves to this site."""
    assert response.status_code == 302
    resolved = urlsplit(urljoin(SITE, response.location))
    assert (resolved.scheme, resolved.netloc) == ("http", "tracker.test"), response.location
    assert response.location == "/"


@pytest.mark.parametrize("target", [t for t in BYPASSES if t])
def test_signing_in_with_a_bad_next_lands_on_the_overview(client, target):
    data = {"email": "office@tracker.demo", "password": "demo1234"}
    _lands_here(client.post(f"/login?next={quote(target, safe='')}", data=data))


@pytest.mark.parametrize("target", [t for t in BYPASSES if t])
def test_the_language_switch_with_a_bad_next_lands_on_the_overview(client, target):
    _lands_here(client.post("/language/en", data={"next": target}))


def test_a_good_next_is_followed(client):
    data = {"email": "office@tracker.demo", "password": "demo1234"}
    signed_in = client.post("/login?next=" + quote("/items/?q=y%20te", safe=""), data=data)
    assert signed_in.location == "/items/?q=y%20te"
    switched = client.post("/language/en", data={"next": "/reports/agencies?as_of=2026-01-01"})
    assert switched.location == "/reports/agencies?as_of=2026-01-01"


def test_the_language_switch_offers_only_a_path_of_this_site(login):
    """A page at any path (a 404 at "/\\evil.example/x") offers the switch: its `next` is one
    that site_path takes, here the overview."""
    page = login("office@tracker.demo").get("/", environ_overrides={"PATH_INFO": "/\\x/y"})
    assert page.status_code == 404
    offered = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    assert offered == "/"
