"""Acting on a selection of items at once: all of them, or none."""
