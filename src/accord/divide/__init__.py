"""Fair division: Adjusted Winner over two parties' points for named items, and the divide files that state them."""

from accord.divide.adjusted_winner import Division, adjusted_winner, normalise
from accord.divide.files import DivideProblem, load_divide, parse_divide

__all__ = ["DivideProblem", "Division", "adjusted_winner", "load_divide", "normalise", "parse_divide"]
