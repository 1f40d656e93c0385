"""The OpenAPI paths and schemas of /api/v1/users and /api/v1/audit (the administrator's)."""

from tracker.api.openapi_schemas import DAY, json_ref, text
from tracker.labels import AUDIT_SUBJECT_LABELS, ROLE_LABELS

ROLES = list(ROLE_LABELS)
PAGE = {"type": "integer", "minimum": 1, "maximum": 100_000}
USER = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "role": {"type": "string", "enum": ROLES},
        "agency": {"type": ["string", "null"]},
        "phone": {"type": ["string", "null"]},
        "title": {"type": ["string", "null"]},
        "active": {"type": "boolean"},
    },
    "required": ["id", "name", "email", "role", "agency", "active"],
}
USER_LIST = {
    "type": "object",
    "properties": {
        "users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
    "required": ["users", "total", "page", "pages"],
}
AUDIT_LIST = {
    "type": "object",
    "properties": {
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "at": {"type": "string", "format": "date-time"},
                    "actor_id": {"type": ["integer", "null"]},
                    "address": {"type": ["string", "null"]},
                    "verb": {"type": "string"},
                    "subject_type": {"type": "string"},
                    "subject_id": {"type": ["integer", "null"]},
                    "note": {"type": ["string", "null"]},
                    "changes": {"type": "object"},
                },
                "required": ["at", "actor_id", "verb", "subject_type", "changes"],
            },
        },
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
    "required": ["entries", "total", "page", "pages"],
}
SCHEMAS = {"User": USER, "UserList": USER_LIST, "AuditList": AUDIT_LIST}


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}  # fmt: skip


def _responses(ok_code: str, ok: dict, *codes: str) -> dict:
    texts = {
        "400": "Invalid parameters or body",
        "401": "Not signed in",
        "403": "Not the administrator, or a refused change (one's own account)",
        "404": "No such person",
    }
    answers = {ok_code: ok}
    answers.update({c: {"description": texts[c], "content": json_ref("Error")} for c in codes})
    return answers


USER_FILTERS = [
    _query("q", "Search in name, email, title and phone; diacritics are ignored.", text(200)),
    _query("agency", "Agency code, e.g. syt.", {"type": "string"}),
    _query("role", "Role.", {"type": "string", "enum": ROLES}),
    _query("active", "yes or no.", {"type": "string", "enum": ["yes", "no"]}),
    _query("page", "Page number, from 1.", PAGE),
]
AUDIT_FILTERS = [
    _query("actor", "Id of the person who acted.", {"type": "string"}),
    _query("what", "What changed.", {"type": "string", "enum": list(AUDIT_SUBJECT_LABELS)}),
    _query(
        "subject",
        "Id of the row that changed.",
        {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    ),  # fmt: skip
    _query("since", "From this local day.", DAY),
    _query("until", "Up to this local day (not before `since`).", DAY),
    _query("page", "Page number, from 1.", PAGE),
]
NEW_USER = {
    "type": "object",
    "properties": {
        "name": text(120, 1),
        "email": {**text(254, 3), "format": "email"},
        "role": {"type": "string", "enum": ROLES},
        "agency": {"type": "string", "description": "Agency code; required for head and officer."},
        "phone": text(40),
        "title": text(120),
        "invite": {"type": "boolean", "description": "Mail the person a link to set a password."},
    },
    "required": ["name", "email", "role"],
}
USER_ID = {"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}
PEOPLE_PATHS = {
    "/users": {
        "get": {
            "summary": "List people (administrator)",
            "parameters": USER_FILTERS,
            "responses": _responses(
                "200",
                {"description": "People", "content": json_ref("UserList")},
                "400",
                "401",
                "403",
            ),  # fmt: skip
        },
        "post": {
            "summary": "Open an account (administrator)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": NEW_USER}},
            },  # fmt: skip
            "responses": _responses(
                "201",
                {"description": "The new account", "content": json_ref("User")},
                "400",
                "401",
                "403",
            ),  # fmt: skip
        },
    },
    "/users/{user_id}/deactivate": {
        "post": {
            "summary": "Deactivate an account (administrator)",
            "parameters": [USER_ID],
            "responses": _responses(
                "200",
                {"description": "The account", "content": json_ref("User")},
                "400",
                "401",
                "403",
                "404",
            ),  # fmt: skip
        }
    },
    "/audit": {
        "get": {
            "summary": "The audit log, newest first (administrator)",
            "parameters": AUDIT_FILTERS,
            "responses": _responses(
                "200",
                {"description": "Entries", "content": json_ref("AuditList")},
                "400",
                "401",
                "403",
            ),  # fmt: skip
        }
    },
}
