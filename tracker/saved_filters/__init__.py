"""A person's saved filters of the item list: named, and pinned to the menu if they wish."""
