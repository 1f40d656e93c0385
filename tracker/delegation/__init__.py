"""What an agency does with an assignment: acknowledges receiving it; its head gives it to staff."""
