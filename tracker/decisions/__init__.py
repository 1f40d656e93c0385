"""What the provincial office (and, for extensions, the leader) decides on an item."""
