"""Reminders and escalations: the daily sweep, its policy and the digests it queues."""
