"""Statistics by agency, sector and pillar as of a date, with their charts and export sheets."""
