"""The OpenAPI document states the bounds the server enforces, read here from the forms'
validators: a form's limit cannot change without the document's."""

import re
from datetime import date
from decimal import Decimal

import pytest
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from tracker.api.writes import DECLARED
from tracker.forms import DayField, NumberField
from tracker.items.forms import ItemFilterForm
from tracker.models.measurements import CENT, VALUE_LIMIT
from tracker.reports.forms import AsOfForm

#: Fields of a form that the body schema does not list as such (files are a multipart part).
NOT_PROPERTIES = {"version", "files", "csrf_token"}


def _bounds(field) -> dict:
    """What the field's validators enforce, in the words of JSON Schema."""
    bounds: dict = {}
    for validator in field.validators:
        if isinstance(validator, Length) and validator.max != -1:
            bounds["maxLength"] = validator.max
        if isinstance(validator, DataRequired | InputRequired) and isinstance(field, StringField):
            bounds["minLength"] = 1  # a required text (DayField and numbers are not texts)
        if isinstance(validator, NumberRange):
            bounds["minimum"], bounds["maximum"] = validator.min, validator.max
    if isinstance(field, DayField):
        bounds.pop("minLength", None)
        bounds["formatMinimum"], bounds["formatMaximum"] = "2000-01-01", "2100-12-31"
    if isinstance(field, NumberField):
        # The field's own range is tighter than any NumberRange: what Numeric(14, 2) keeps.
        bounds.pop("minLength", None)
        bounds["minimum"] = max(bounds.get("minimum", -VALUE_LIMIT), CENT - VALUE_LIMIT)
        bounds["maximum"] = min(bounds.get("maximum", VALUE_LIMIT), VALUE_LIMIT - CENT)
    return bounds


def _same(schema: dict, bounds: dict, where: str) -> None:
    for key, value in bounds.items():
        expected = float(value) if isinstance(value, Decimal) else value
        assert schema.get(key) == expected, f"{where}: {key} is {schema.get(key)!r}, not {value}"


def _openapi_path(api_url: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", api_url)


@pytest.mark.parametrize("spec", [s for s in DECLARED if s.api_url], ids=lambda s: s.name)
def test_every_write_body_states_its_forms_bounds(app, client, spec):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    body = paths[_openapi_path(spec.api_url)]["post"]["requestBody"]["content"]
    schema = body["application/json"]["schema"]
    with app.test_request_context():
        form = spec.form(formdata=None, meta={"csrf": False})
    for field in form:
        if field.name in NOT_PROPERTIES:
            continue
        where = f"{spec.name}.{field.name}"
        assert field.name in schema["properties"], f"{where} not described"
        _same(schema["properties"][field.name], _bounds(field), where)
        required = any(isinstance(v, DataRequired | InputRequired) for v in field.validators)
        assert (field.name in schema["required"]) == required, where


@pytest.mark.parametrize(
    ("path", "form"), [("/items", ItemFilterForm), ("/reports/agencies", AsOfForm)]
)
def test_query_parameters_state_their_forms_bounds(app, client, path, form):
    operation = client.get("/api/v1/openapi.json").json["paths"][path]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    with app.test_request_context():
        fields = list(form(formdata=None))
    for field in fields:
        if field.name not in NOT_PROPERTIES:
            _same(parameters[field.name], _bounds(field), f"{path}?{field.name}")


def test_the_bounds_are_the_ones_the_server_keeps(client):
    """A few read directly: the century of dates, the measured value, progress, texts."""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    measured = paths["/items/{item_id}/measurements"]["post"]["requestBody"]["content"]
    value = measured["application/json"]["schema"]["properties"]["value"]
    assert (value["minimum"], value["maximum"]) == (-999999999999.99, 999999999999.99)
    day = measured["application/json"]["schema"]["properties"]["measured_on"]
    first, last = date.fromisoformat(day["formatMinimum"]), date.fromisoformat(day["formatMaximum"])
    assert (first, last) == (date(2000, 1, 1), date(2100, 12, 31))
    progress = paths["/items/{item_id}/progress"]["post"]["requestBody"]["content"]
    properties = progress["application/json"]["schema"]["properties"]
    assert (properties["progress"]["minimum"], properties["progress"]["maximum"]) == (0, 100)
    assert (properties["text"]["minLength"], properties["text"]["maxLength"]) == (1, 10_000)
