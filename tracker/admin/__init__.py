"""Reminder administration: outbox, preview, policy, calendar swaps."""
