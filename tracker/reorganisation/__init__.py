"""Reorganising agencies: renames, mergers, splits, dissolutions and changes of parent, each a
dated event that carries the open work to the successors and leaves the past where it was."""
