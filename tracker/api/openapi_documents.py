"""The OpenAPI description of the documents' endpoints: the list, one document with its
items, and importing an annex (a preview, then a confirming call)."""

from tracker.api.openapi_schemas import DAY, NULLABLE_DATE, json_ref, text

DOCUMENT_TYPES = ["ke_hoach", "quyet_dinh", "chi_thi", "thong_bao_ket_luan", "cong_van", "khac"]
DOCUMENT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "string", "description": "Number and symbol, e.g. 59/KH-UBND."},
        "type": {"type": "string", "enum": DOCUMENT_TYPES},
        "title": {"type": "string"},
        "issued_on": NULLABLE_DATE,
        "issuer": {"type": "string"},
        "signer": {"type": ["string", "null"]},
        "assigning_leader": {"type": ["string", "null"]},
        "summary": {"type": ["string", "null"]},
        "has_file": {"type": "boolean"},
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "item_count": {"type": "integer", "description": "Its items the caller may see (list)."},
        "url": {"type": "string", "description": "Where to read it with its items (list)."},
    },
    "required": ["id", "number", "type", "title"],
}
#: The office's form (tracker.documents.forms.DocumentForm) as a body.
NEW_DOCUMENT = {
    "type": "object",
    "required": ["number", "issuer", "title"],
    "properties": {
        "doc_type": {"type": "string", "enum": DOCUMENT_TYPES, "default": "ke_hoach"},
        "number": {**text(60, 1), "description": "Number and symbol, e.g. 59/KH-UBND."},
        "issued_on": DAY,
        "issuer": text(200, 1),
        "title": text(2000, 1),
        "signer": text(200),
        "assigning_leader": text(200),
        "summary": text(10_000),
    },
}
PROBLEM = {
    "type": "object",
    "properties": {
        "row": {"type": ["integer", "null"], "description": "The sheet's row; null: the file."},
        "column": {"type": ["string", "null"], "description": "The column's letter."},
        "cell": {"type": ["string", "null"], "description": "e.g. E5."},
        "message": {"type": "string"},
    },
}
IMPORT_OUTCOME = {
    "type": "object",
    "properties": {
        "document": {"type": "string"},
        "new_document": {"type": "boolean"},
        "ok": {"type": "boolean", "description": "Every row is valid."},
        "written": {"type": "boolean"},
        "counts": {"type": "object"},
        "rows": {"type": "array", "items": {"type": "object"}},
        "problems": {"type": "array", "items": PROBLEM},
        "token": {"type": "string", "description": "Send it to the confirm call (preview only)."},
        "filename": {"type": "string"},
    },
}
_ERRORS = {
    "400": {"description": "Not a workbook, or nothing sent", "content": json_ref("Error")},
    "401": {"description": "Not signed in", "content": json_ref("Error")},
    "403": {"description": "Not the provincial office", "content": json_ref("Error")},
    "413": {"description": "The workbook is too large", "content": json_ref("Error")},
    "422": {"description": "Some rows are invalid", "content": json_ref("ImportOutcome")},
}
DOCUMENT_PATHS = {
    "/documents": {
        "get": {
            "summary": "List the assigning documents",
            "responses": {
                "200": {
                    "description": "Every document",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "documents": {
                                        "type": "array",
                                        "items": json_ref("Document")["application/json"]["schema"],
                                    }
                                },
                            }
                        }
                    },
                }
            },  # fmt: skip
        },
        "post": {
            "summary": "Record an assigning document (the office), with its file if multipart",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": NEW_DOCUMENT},
                    "multipart/form-data": {
                        "schema": {
                            **NEW_DOCUMENT,
                            "properties": {
                                **NEW_DOCUMENT["properties"],
                                "file": {"type": "string", "format": "binary"},
                            },
                        }
                    },
                },
            },
            "responses": {
                "201": {"description": "Recorded", "content": json_ref("Document")},
                "400": {
                    "description": "Invalid fields, with errors per field",
                    "content": json_ref("Error"),
                },
                "401": {"description": "Not signed in", "content": json_ref("Error")},
                "403": {"description": "Not the provincial office", "content": json_ref("Error")},
                "413": {"description": "The file is too large", "content": json_ref("Error")},
            },  # fmt: skip
        },
    },
    "/documents/{document_id}": {
        "get": {
            "summary": "One document with the items of it the caller may see",
            "parameters": [
                {
                    "name": "document_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }  # fmt: skip
            ],
            "responses": {
                "200": {"description": "The document", "content": json_ref("Document")},
                "404": {"description": "No such document", "content": json_ref("Error")},
            },
        }
    },
    "/documents/import": {
        "post": {
            "summary": "Check an annex workbook against a document; nothing is written",
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file", "document"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "document": text(60, 1),
                            },
                        }
                    }
                },
            },  # fmt: skip
            "responses": {
                "200": {"description": "Every row valid", "content": json_ref("ImportOutcome")},
                **_ERRORS,
            },
        }
    },
    "/documents/import/confirm": {
        "post": {
            "summary": "Import a previewed annex: every row, or none",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["token", "document"],
                            "properties": {
                                "token": {"type": "string"},
                                "document": text(60, 1),
                                "filename": {"type": "string"},
                            },
                        }
                    }
                },
            },  # fmt: skip
            "responses": {
                "201": {"description": "Imported", "content": json_ref("ImportOutcome")},
                **_ERRORS,
            },
        }
    },
}
