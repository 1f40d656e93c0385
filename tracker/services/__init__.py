"""Use cases: each reads or writes the database and owns its transaction.

Views, CLI commands and scheduler jobs call these, so the web and the nightly job cannot drift.
"""
