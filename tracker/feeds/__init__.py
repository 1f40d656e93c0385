"""Calendar feeds (iCalendar) of deadlines at secret, revocable addresses."""
