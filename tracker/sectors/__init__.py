"""A sector's page: its work by standing, its targets, its departments, what is overdue."""
