"""The outbox: delivering queued digests by mail, with retries, and what the office sees of it."""
