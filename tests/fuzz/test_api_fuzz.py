"""Schemathesis against /api/v1's own OpenAPI document, in-process through WSGI, with the bearer
token of every role: whatever the body, the query or the path, no answer is a server error and
nothing is logged as one.

Cases follow the document (positive) and break it (negative); the path names real items and
extension requests half the time, so that the checks behind the 404 are reached too.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode


def _cases(operation, ids: dict[str, list[int]]):
    """Cases of one operation, on real rows or on generated ids, valid or not."""
    names = ("item_id", "request_id", "document_id")
    real = {name: ids[name] for name in names if name in operation.path}
    chosen = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in real.items()})
    paths = st.none() | chosen
    modes = st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    return st.tuples(modes, paths).flatmap(
        lambda choice: operation.as_strategy(choice[0], path_parameters=choice[1])
    )


def test_the_api_as_every_role(app, tokens, url_values, error_log, fuzz):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    ids = {
        "item_id": sorted({values["item_id"] for values in url_values}),
        "request_id": [url_values[0]["request_id"]],
        "document_id": [url_values[0]["document_id"]],
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    # Reads, reports, writes, people, the audit log, and the documents with the annex import:
    # the document describes them all (with the office's pause and resumption, and marking
    # notifications read).
    assert len(operations) == 38
    for operation in operations:
        cases = _cases(operation, ids)
        for role, token in (*tokens.items(), ("anonymous", None)):
            _fuzz(operation, cases, role, token, error_log, fuzz)
    print(f"API fuzz: {fuzz.requests['api']} requests on {len(operations)} operations")


def _fuzz(operation, cases, role, token, error_log, fuzz):
    """Send generated cases of one operation as one role; fail on a 5xx or a logged error."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    measures = operation.path.endswith("/measurements")

    @settings(
        max_examples=fuzz.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def call(case):
        status = _status(case, headers)
        fuzz.requests["api"] += 1
        logged = error_log.take()
        if status < 500 and not logged:
            return
        body = case.body if isinstance(case.body, dict) else {}
        if not (measures and fuzz.is_known_5xx("api_writes.measure", body)):
            raise AssertionError(
                f"{role} {case.method} {case.formatted_path}: {status}\n{case.body!r}\n{logged}"
            )
        fuzz.requests["api: known 5xx tolerated"] += 1

    call()


def _status(case, headers: dict) -> int:
    """The response's status; schemathesis raises what the application raised (then a 500)."""
    try:
        return case.call(headers=headers).status_code
    except Exception:  # the application's own error, logged by Flask as well
        return 500
