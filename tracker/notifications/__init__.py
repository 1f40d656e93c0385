"""Telling people what happened to their work: the in-app inbox and its mails."""
