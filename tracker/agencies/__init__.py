"""Agencies: an agency's own page, and carrying work across reorganisations."""
