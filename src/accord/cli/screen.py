"""The console the commands print their tables and results on: the user's text is printed as written.

Rich reads ``[...]`` in a string as markup, so a party named "Ñandú [dam] authority" lost "[dam]" and one named
"… [/b]" stopped the command with a traceback. Here markup is off; the commands style their own words with
:class:`rich.text.Text` and ``style=``.
"""

from __future__ import annotations

from rich.console import Console


def screen() -> Console:
    """Standard output, with no markup read from the text printed."""
    return Console(markup=False)
