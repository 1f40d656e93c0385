"""How far a target's latest measured value has come toward the value the plan set."""

from decimal import Decimal

AT_LEAST = "at_least"  # e.g. "at least 90 % of records processed online"
AT_MOST = "at_most"  # e.g. "at most 5 % of files handled on paper"


def target_progress(
    latest: Decimal | None, target: Decimal | None, comparison: str | None
) -> int | None:
    """Per cent of the way to the target (0–100), or None when it cannot be said.

    For an "at most" target any value at or under the target has met it; above it, the
    share is how far the target is from the value (twice the target: 50 %).
    """
    if latest is None or target is None or latest < 0:
        return None
    if (comparison or AT_LEAST) == AT_MOST:
        if latest <= target:
            return 100
        return int(target * 100 / latest)
    if target <= 0:
        return 100
    return min(100, int(latest * 100 / target))
