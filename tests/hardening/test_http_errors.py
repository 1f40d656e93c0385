"""An error page keeps the headers HTTP gives the error: a 405 says which methods are allowed."""

import pytest
from werkzeug.exceptions import MethodNotAllowed


def _allowed(response) -> set[str]:
    return {method.strip() for method in response.headers.get("Allow", "").split(",") if method}


def test_a_page_that_only_takes_posts_says_so(login):
    response = login("office@tracker.demo").get("/logout")
    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert _allowed(response) == {"POST", "OPTIONS"}


def test_an_api_url_that_only_takes_posts_says_so(login, item_by_code):
    item = item_by_code("CQS-2030-02-TTHC")
    response = login("office@tracker.demo").get(f"/api/v1/items/{item.id}/measurements")
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert response.json["error"] == "Method Not Allowed"
    assert _allowed(response) == {"POST", "OPTIONS"}


@pytest.mark.parametrize("path", ["/raised-405", "/api/v1/raised-405"])
def test_any_http_error_keeps_its_headers(app, client, path):
    """Whatever raises the error, its own headers survive the page made for it."""

    def raise_it():
        raise MethodNotAllowed(valid_methods=["PUT"])

    app.add_url_rule(path, path, raise_it)
    response = client.get(path)
    assert response.status_code == 405
    assert response.headers["Allow"] == "PUT"
    assert response.mimetype == ("application/json" if "/api/" in path else "text/html")
