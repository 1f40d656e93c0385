"""Pure rules of the tracker: working days, standing, lifecycle, extensions.

Nothing here imports Flask, SQLAlchemy or the rest of the application, and "today" is always
a parameter, so every rule can be tested with plain values in milliseconds.
"""
