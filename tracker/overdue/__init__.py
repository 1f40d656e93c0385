"""The office's follow-up: the overdue list as of a date, idle items and urging letters."""
