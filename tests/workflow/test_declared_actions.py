"""Each action on an item is declared once; its page and its API endpoint are made from it."""

from tracker.api.writes import DECLARED


def _endpoint_at(app, path: str, method: str) -> str:
    (endpoint,) = [
        r.endpoint for r in app.url_map.iter_rules() if r.rule == path and method in r.methods
    ]
    return endpoint


def test_every_declared_action_has_its_page_and_its_endpoint(app):
    for spec in DECLARED:
        for method in spec.page_methods:
            page = _endpoint_at(app, "/items" + spec.page_url, method)
            assert page.endswith(f".{spec.name}")
            assert app.view_functions[page].__doc__ == spec.summary
        if spec.api_url is not None:
            api = _endpoint_at(app, "/api/v1" + spec.api_url, "POST")
            assert api == f"api_writes.{spec.name}"


def test_every_api_write_comes_from_a_declaration(app):
    writes = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("api_writes.")}
    assert writes == {f"api_writes.{spec.name}" for spec in DECLARED if spec.api_url is not None}
