"""A person's own page (/me): their details, language, leave, password, sessions and API token."""
