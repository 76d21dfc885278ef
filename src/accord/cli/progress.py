"""Progress for commands that can run for seconds: a bar on stderr when stderr is a terminal, nothing otherwise.

Output stays clean when it is piped, captured by a test runner or asked for as JSON: ``progress`` then yields a
step function that does nothing, and Rich is not even imported (start-up stays fast).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def progress_console() -> Console | None:
    """The console progress is drawn on (stderr); ``None`` when stderr cannot be a terminal (not a TTY and no
    ``FORCE_TERMINAL``/``TTY_COMPATIBLE`` asks Rich to treat it as one). Tests replace it with a forced-terminal one."""
    terminal = sys.stderr is not None and sys.stderr.isatty()
    if not (terminal or os.environ.get("FORCE_TERMINAL") or os.environ.get("TTY_COMPATIBLE")):
        return None
    from rich.console import Console

    return Console(stderr=True)


Step = Callable[..., None]


@contextmanager
def progress(description: str, total: int | None, *, quiet: bool = False) -> Iterator[Step]:
    """Yield ``step(advance=1, description=None)``: moves the bar on by ``advance`` steps of ``total`` (``None``:
    a spinner without a total) and optionally names the current phase. Nothing is drawn when ``quiet`` or when
    the console is not a terminal; the bar disappears when the block ends."""
    console = None if quiet else progress_console()
    if console is None or not console.is_terminal:
        yield lambda advance=1, description=None: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)

        def step(advance: int = 1, description: str | None = None) -> None:
            if description:
                bar.update(task, advance=advance, description=description)
                bar.refresh()  # a new phase shows at once, however short the last one was
            else:
                bar.update(task, advance=advance)

        yield step
