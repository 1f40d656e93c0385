"""The office pauses an item (tạm dừng) with a reason and resumes it: the deadline clock stops."""
