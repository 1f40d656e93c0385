"""Evidence files: checked by their content, stored outside the web root, served only to those
who may see the item."""
