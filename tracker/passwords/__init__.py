"""Passwords: the rules for a new one, "forgot password" links, invitations, changing one's own."""
