"""The OpenAPI description of /api/v1, kept beside the endpoints it describes."""

STANDINGS = ["done_on_time", "done_late", "in_progress", "overdue", "no_deadline"]


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}

ITEM_FILTERS = [
    _query("q", 'Search in code and title; diacritics are ignored ("y te" finds "y tế").'),
    _query("pillar", "Pillar or group code, e.g. CQS."),
    _query("sector", "Sector code, e.g. y-te."),
    _query("agency", "Agency code (lead or coordinating), e.g. syt."),
    _query(
        "agency_role",
        "With `agency`: only the items it leads, or only those it coordinates.",
        {"type": "string", "enum": ["lead", "coordinating"]},
    ),
    _query("kind", "target or task.", {"type": "string", "enum": ["target", "task"]}),
    _query("standing", "Standing as of `as_of`.", {"type": "string", "enum": STANDINGS}),
    _query("due_from", "Deadline on or after this date.", DATE),
    _query("due_to", "Deadline on or before this date.", DATE),
    _query("as_of", "Date the standing is computed for (default: today in Vietnam).", DATE),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
]

AGENCY_REF = {"$ref": "#/components/schemas/Agency"}
AGENCY = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
    "required": ["code", "name"],
}

ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "kind": {"type": "string", "enum": ["target", "task"]},
        "title": {"type": "string"},
        "lead_agency": AGENCY_REF,
        "coordinating_agencies": {"type": "array", "items": AGENCY_REF},
        "responsible": {"type": ["object", "null"]},
        "deadline": NULLABLE_DATE,
        "original_deadline": NULLABLE_DATE,
        "status": {"type": "string"},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "completed_on": NULLABLE_DATE,
        "standing": {"type": ["string", "null"], "enum": [*STANDINGS, None]},
        "as_of": DATE,
        "target": {"type": "object"},
        "version": {"type": "integer", "description": "Send it back with every write."},
        "extension_requests": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["id", "code", "kind", "title", "lead_agency", "status", "standing"],
}

ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "message": {"type": ["string", "null"]},
        "errors": {"type": "object"},
    },
}


def _json(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


def _responses(ok: dict) -> dict:
    return {
        "200": ok,
        "400": {"description": "Invalid parameters", "content": _json("Error")},
        "401": {"description": "Not signed in", "content": _json("Error")},
        "404": {"description": "Not found or not visible", "content": _json("Error")},
    }


ITEM_LIST = {
    "type": "object",
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "per_page": {"type": "integer"},
    },
    "required": ["items", "total", "page"],
}

PATHS = {
    "/items": {
        "get": {
            "summary": "List work items",
            "parameters": ITEM_FILTERS,
            "responses": _responses(
                {"description": "Matching items", "content": _json("ItemList")}
            ),
        }
    },
    "/items/{item_id}": {
        "get": {
            "summary": "One work item with its history",
            "parameters": [
                {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": _responses({"description": "The item", "content": _json("Item")}),
        }
    },
}


# Write endpoints: a JSON object, or a multipart form when evidence files come along.
VERSION = {
    "type": "integer",
    "description": "The item's `version` as last read; a stale one is refused with 409.",
}
TEXT = {"type": "string", "maxLength": 10000}
FILES = {
    "type": "array",
    "items": {"type": "string", "format": "binary"},
    "description": "Evidence: PDF, DOCX, XLSX, DOC, XLS, PNG or JPEG, checked by content; "
    "at most 10 files, 20 MB each (MAX_UPLOAD_BYTES) and 60 MB in all (MAX_CONTENT_LENGTH).",
}
DOCUMENT = {
    "document_number": {"type": "string", "maxLength": 60, "description": "e.g. 125/BC-SYT"},
    "document_date": DATE,
}


def _body(properties: dict, required: list[str], files: bool = False) -> dict:
    schema = {"type": "object", "properties": properties, "required": required}
    content = {"application/json": {"schema": schema}}
    if files:
        content["multipart/form-data"] = {
            "schema": {**schema, "properties": {**properties, "files": FILES}}
        }
    return {"required": True, "content": content}


def _write(summary: str, body: dict, created: bool = False, item_path: str = "") -> dict:
    ok = {"description": "The item after the change", "content": _json("Item")}
    errors = {
        "400": "Invalid body: `errors` says which fields",
        "401": "Not signed in",
        "403": "The user's role or agency does not allow this",
        "404": "No such item (or not visible to the user)",
        "409": "The item changed since `version`, or its status does not allow this now",
        "413": "A file or the request is too large",
    }
    responses = {"201" if created else "200": ok}
    responses.update(
        {code: {"description": text, "content": _json("Error")} for code, text in errors.items()}
    )
    return {"post": {"summary": summary, "requestBody": body, "responses": responses}}


ITEM_ID = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
REQUEST_ID = {"name": "request_id", "in": "path", "required": True, "schema": {"type": "integer"}}
WRITE_PATHS = {
    "/items/{item_id}/progress": _write(
        "Record progress (lead agency)",
        _body(
            {
                "version": VERSION,
                "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                "text": TEXT,
                **DOCUMENT,
            },
            ["version", "progress", "text"],
            files=True,
        ),
    ),
    "/items/{item_id}/submit": _write(
        "Submit as done (lead agency); needs `text` or files. Completion date: today.",
        _body({"version": VERSION, "text": TEXT, **DOCUMENT}, ["version"], files=True),
    ),
    "/items/{item_id}/confirm": _write(
        "Confirm a submission (office); refused while an extension request is pending",
        _body({"version": VERSION, "note": {"type": "string", "maxLength": 2000}}, ["version"]),
    ),
    "/items/{item_id}/return": _write(
        "Return a submission to the lead agency (office)",
        _body(
            {"version": VERSION, "reason": {"type": "string", "maxLength": 2000}},
            ["version", "reason"],
        ),
    ),
    "/items/{item_id}/extensions": _write(
        "Request an extension (lead agency); flagged late after the lead time",
        _body(
            {"version": VERSION, "proposed_deadline": DATE, "reason": TEXT},
            ["version", "proposed_deadline", "reason"],
            files=True,
        ),
        created=True,
    ),
    "/items/{item_id}/extensions/{request_id}/decision": _write(
        "Approve (with the approving document's number) or reject (with a note) a request "
        "(office, leader); approval moves the deadline in force, never the original",
        _body(
            {
                "version": VERSION,
                "decision": {"type": "string", "enum": ["approve", "reject"]},
                "decision_document": {"type": "string", "maxLength": 60},
                "note": {"type": "string", "maxLength": 2000},
            },
            ["version", "decision"],
        ),
    ),
    "/items/{item_id}/measurements": _write(
        "Report a measured value of a target (lead agency, office)",
        _body(
            {
                "version": VERSION,
                "value": {"type": "number"},
                "measured_on": DATE,
                "source": {"type": "string", "maxLength": 500},
            },
            ["version", "value", "measured_on"],
        ),
        created=True,
    ),
    "/items/{item_id}/comments": _write(
        "Comment (lead and coordinating agencies, office); needs no version",
        _body({"body": {"type": "string", "maxLength": 5000}}, ["body"]),
        created=True,
    ),
}
for _path, _operation in WRITE_PATHS.items():
    _operation["post"]["parameters"] = [ITEM_ID, REQUEST_ID] if "request_id" in _path else [ITEM_ID]


TALLY_PROPERTIES = {
    "total": {"type": "integer"},
    **{name: {"type": "integer"} for name in STANDINGS},
    "rate_all": {
        "type": ["number", "null"],
        "description": "Completion rate, completed / all tasks, in percent (one decimal).",
    },
    "rate_due": {
        "type": ["number", "null"],
        "description": "Completion rate, completed / tasks fallen due (completed + overdue), "
        "in percent (one decimal).",
    },
}
TALLY = {"type": "object", "properties": TALLY_PROPERTIES, "required": list(TALLY_PROPERTIES)}


def _report(row_key: str, summary: str) -> dict:
    row = {
        "type": "object",
        "properties": {row_key: AGENCY_REF, **TALLY_PROPERTIES},
        "required": [row_key, *TALLY_PROPERTIES],
    }
    table = {
        "type": "object",
        "properties": {
            "as_of": DATE,
            "rows": {"type": "array", "items": row},
            "total": {"$ref": "#/components/schemas/Tally"},
        },
        "required": ["as_of", "rows", "total"],
    }
    as_of = _query(
        "as_of", "The report's date; the items' history as of then (default today).", DATE
    )
    return {
        "get": {
            "summary": summary,
            "parameters": [as_of],
            "responses": _responses(
                {
                    "description": "One row per subject and the total",
                    "content": {"application/json": {"schema": table}},
                }
            ),
        }
    }


PATHS.update(
    {
        "/reports/agencies": _report("agency", "Statistics by lead agency as of a date"),
        "/reports/sectors": _report("sector", "Statistics by sector as of a date"),
        "/reports/pillars": _report("pillar", "Statistics by pillar or task group as of a date"),
    }
)


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tracker API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {**PATHS, **WRITE_PATHS},
        "components": {
            "schemas": {
                "Agency": AGENCY,
                "Item": ITEM,
                "ItemList": ITEM_LIST,
                "Error": ERROR,
                "Tally": TALLY,
            },
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
    }
