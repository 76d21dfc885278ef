"""Analysis: Pareto frontier, bargaining solutions, the full scenario analysis."""

from accord.analysis.analyze import Analysis, Deal, analyze, rounded_utilities
from accord.analysis.pareto import pareto_mask, pareto_points
from accord.analysis.solutions import SOLUTIONS, rational_mask, solve

__all__ = ["SOLUTIONS", "Analysis", "Deal", "analyze", "pareto_mask", "pareto_points", "rational_mask",
           "rounded_utilities", "solve"]
