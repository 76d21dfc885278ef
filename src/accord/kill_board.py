"""The kill board: which unit of which batch each pool worker runs, since when, and whose fault it would be, so
that the parent can kill a worker whose unit ran past its limit and know, from that one kill, which unit hung.

The board is one shared array of doubles, :data:`FIELDS` per worker (:func:`new_board`). A worker takes a free row
as it starts (:func:`take_row`); :func:`run_watched` shows which batch it runs; the work calls :func:`unit_started`
as each unit of the batch starts (in the order of ``work.split``) and :func:`unit_blames` with the party at fault
right now. The parent looks at the board with :func:`kill_overdue`. Outside a pool worker the work's calls are
no-ops.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FIELDS = 5
"""Per worker on the board: its pid, when its current unit started (``time.monotonic()``, 0 while idle), the
party to blame (-1: unknown), the ticket of the batch it runs and the place of the current unit in that batch."""
PID, STARTED, PARTY, TICKET, PLACE = range(FIELDS)

_board: list = [None, -1]  # in a pool worker: the board and this worker's row


def overdue_after(limit: float) -> float:
    """Seconds after which a unit allowed ``limit`` seconds is stopped by killing its worker: well past the
    limit, so the worker's own guard (which records more) acts first whenever it can."""
    return 1.5 * limit + 1.0


@dataclass(frozen=True)
class Killed:
    """A worker the parent killed: the batch it ran (by ticket), the unit's place in it, why, and who is to
    blame (``None``: unknown)."""

    ticket: int
    place: int
    message: str
    party: int | None


def new_board(context: Any, workers: int) -> Any:
    """A board with a free row (pid 0) for each of ``workers``, shared through ``context`` (a multiprocessing
    context) with the pool's workers."""
    return context.Array("d", FIELDS * workers)


def take_row(board: Any) -> None:
    """In a pool worker's set-up: take a free row of ``board`` (a pid of 0) for this process."""
    with board.get_lock():
        row = next(r for r in range(len(board) // FIELDS) if not board[r * FIELDS + PID])
        board[row * FIELDS + PID] = os.getpid()
    _board[:] = [board.get_obj(), row]


def in_pool_worker() -> bool:
    """Whether this process is a pool worker with a row on the board."""
    return _board[0] is not None


def unit_started() -> None:
    """Called by work in a pool worker as each unit of a batch starts, in the order of ``work.split(batch)``
    (a no-op elsewhere)."""
    board, row = _board
    if board is not None:
        at = row * FIELDS
        board[at + STARTED] = 0.0  # idle while the row changes, so the parent never pairs a place with a stale start
        board[at + PARTY] = -1
        board[at + PLACE] += 1
        board[at + STARTED] = time.monotonic()


def unit_blames(party: int | None) -> None:
    """Called by work in a pool worker (from any thread) with the party that would be at fault right now."""
    board, row = _board
    if board is not None and board[row * FIELDS + STARTED]:
        board[row * FIELDS + PARTY] = -1 if party is None else party


def run_watched(run: Callable[[Any], list], batch: Any, ticket: int) -> list:
    """``run(batch)`` in a pool worker, showing on the board which batch runs, and the worker idle once it ends."""
    at = _board[1] * FIELDS
    _board[0][at + PLACE] = -1
    _board[0][at + TICKET] = ticket
    try:
        return run(batch)
    finally:
        _board[0][at + STARTED] = 0.0


def kill_overdue(board: Any, limit: float) -> Killed | None:
    """Kill the first worker on ``board`` whose unit has run past ``overdue_after(limit)``; what it ran, and why."""
    now = time.monotonic()
    for row in range(len(board) // FIELDS):
        pid, started, party, ticket, place = board[row * FIELDS:(row + 1) * FIELDS]
        if pid and started and now - started > overdue_after(limit):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:  # it ended meanwhile: the pool notices by itself
                continue
            return Killed(int(ticket), int(place),
                          f"session still running after {overdue_after(limit):g} s (wall clock); "
                          "its worker process was killed", None if party < 0 else int(party))
    return None
