"""An item's history: every change recorded, and the item as it stood on any past date."""
