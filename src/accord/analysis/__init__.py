"""Analysis: Pareto frontier, bargaining solutions, the full scenario analysis."""

from accord.analysis.analyze import Analysis, Deal, analyze, rounded_utilities
from accord.analysis.pareto import pareto_mask, pareto_points
from accord.analysis.solutions import SOLUTIONS, Solution, rational_mask, solution_names, solution_titles, solve

__all__ = ["SOLUTIONS", "Analysis", "Deal", "Solution", "analyze", "pareto_mask", "pareto_points", "rational_mask",
           "rounded_utilities", "solution_names", "solution_titles", "solve"]
