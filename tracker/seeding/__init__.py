"""Idempotent loaders for seed/: the plan, demo accounts and history, synthetic bulk data."""

from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent.parent.parent / "seed"


def set_changed(obj, **values) -> bool:
    """Set only the attributes whose value differs, so a re-run changes nothing."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
