"""JSON API, version 1: session or bearer-token authentication."""
