"""Reporting periods and the public page of published results."""
