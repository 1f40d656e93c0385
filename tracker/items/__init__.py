"""Work items: the list and the item page."""
