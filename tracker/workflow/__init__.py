"""Keeping items current: progress, submission, confirmation, return, refusal, comments and
evidence files."""
