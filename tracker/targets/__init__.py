"""KPI targets with their verdicts."""
