"""A plan's annex in Excel: the template, importing a filled sheet (a preview, then all rows or
none) and exporting a document's items in the same layout."""
