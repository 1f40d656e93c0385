"""Late updates: each progress update records its reporting deadline and whether it missed it;
per agency, the share of late updates and the open items not updated in a period."""
