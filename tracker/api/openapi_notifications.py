"""The OpenAPI path and schema of /api/v1/notifications: the signed-in person's own."""

from tracker.api.openapi_schemas import json_ref
from tracker.config import Config
from tracker.models.notifications import NOTIFICATION_EVENTS

NOTIFICATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "event": {"type": "string", "enum": list(NOTIFICATION_EVENTS)},
        "item_id": {"type": "integer"},
        "item_code": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "read": {"type": "boolean"},
        "text": {"type": "string"},
    },
    "required": ["id", "event", "item_id", "created_at", "read", "text"],
}
NOTIFICATION_LIST = {
    "type": "object",
    "properties": {
        "notifications": {"type": "array", "items": {"$ref": "#/components/schemas/Notification"}},
        "unread": {"type": "integer"},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
    },
    "required": ["notifications", "unread", "total", "page", "pages"],
}
SCHEMAS = {"Notification": NOTIFICATION, "NotificationList": NOTIFICATION_LIST}
PATHS = {
    "/notifications": {
        "get": {
            "summary": "My notifications, newest first, with the unread count",
            "parameters": [
                {
                    "name": "page",
                    "in": "query",
                    "description": "Page number, from 1.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": Config.MAX_PAGE},
                }
            ],
            "responses": {
                "200": {"description": "Notifications", "content": json_ref("NotificationList")},
                "400": {"description": "Invalid parameters", "content": json_ref("Error")},
                "401": {"description": "Not signed in", "content": json_ref("Error")},
            },
        }
    }
}
