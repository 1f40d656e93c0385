"""The office's "waiting for me" page."""
