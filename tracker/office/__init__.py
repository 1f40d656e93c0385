"""The provincial office's follow-up: the overdue list, idle items, urging letters."""
