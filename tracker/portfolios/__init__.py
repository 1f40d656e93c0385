"""Portfolios: the sectors and agencies each provincial leader oversees, and the agencies each
office specialist follows."""
