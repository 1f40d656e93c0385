"""Benchmarks that print figures (never timed assertions in tests). Run: python -m bench."""
