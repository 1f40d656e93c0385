"""An agency's own page for its head and focal officer."""
