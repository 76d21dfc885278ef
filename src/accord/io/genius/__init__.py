"""GENIUS XML scenarios (ANAC 2010–2019): :mod:`.read` turns a domain and its profiles into a scenario,
:mod:`.write` writes one back."""

from accord.io.genius.read import DEFAULT_REAL_GRID, read_genius
from accord.io.genius.write import write_genius

__all__ = ["DEFAULT_REAL_GRID", "read_genius", "write_genius"]
