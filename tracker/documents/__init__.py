"""Assigning documents: the plans, decisions, directives… that the tracked tasks come from."""
