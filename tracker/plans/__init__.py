"""The plan overview."""
