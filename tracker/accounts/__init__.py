"""Accounts: signing in by session or API token, and the people who use the tracker."""
