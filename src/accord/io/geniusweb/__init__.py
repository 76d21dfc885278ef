"""GeniusWeb JSON scenarios (ANAC 2020+, ANL 2022/2023): :mod:`.read` turns a domain and its profiles into a
scenario, :mod:`.write` writes one back."""

from accord.io.geniusweb.read import number_utility, read_geniusweb
from accord.io.geniusweb.write import write_geniusweb

__all__ = ["number_utility", "read_geniusweb", "write_geniusweb"]
