"""The colours every view gives the parties (CLI plot, HTML report, web workbench), and the scale that shows
the utility of the parties a 2-D view does not draw as an axis."""

from __future__ import annotations

PARTY_COLOURS = ("#1f77b4", "#d62728", "#2a9d2a", "#7b3fb5", "#e07b00", "#8c564b", "#e377c2", "#17becf")
# light to dark: the off-axis utility 0 … 1 of a point in a projection (five equal bands)
UTILITY_SCALE = ("#d9e4f2", "#a7bfdd", "#7497c4", "#44689f", "#1c3a6b")


def party_colour(index: int) -> str:
    """The colour of the party at ``index`` in the scenario's party order."""
    return PARTY_COLOURS[index % len(PARTY_COLOURS)]


def scale_band(value: float) -> int:
    """The band of :data:`UTILITY_SCALE` that shows a utility in [0, 1]."""
    return min(len(UTILITY_SCALE) - 1, max(0, int(value * len(UTILITY_SCALE))))


__all__ = ["PARTY_COLOURS", "UTILITY_SCALE", "party_colour", "scale_band"]
