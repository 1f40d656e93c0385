"""The administrator's pages for people: list, create, edit, deactivate, invite, import."""
