"""The kill board: a worker's row shows which unit of which batch it runs and whom to blame; the parent kills
the first worker whose unit is overdue, once, and says what it ran."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from accord import kill_board
from accord.kill_board import (FIELDS, PARTY, PID, PLACE, STARTED, TICKET, Killed, in_pool_worker, kill_overdue,
                               new_board, overdue_after, run_watched, take_row, unit_blames, unit_started)


@pytest.fixture
def worker(monkeypatch):
    """This process as a pool worker on a two-row board (the module's row is put back afterwards)."""
    monkeypatch.setattr(kill_board, "_board", [None, -1])
    board = new_board(multiprocessing.get_context(), 2)
    take_row(board)
    return board


def row_of(board, row: int = 0) -> list[float]:
    return board[row * FIELDS:(row + 1) * FIELDS]


def test_outside_a_pool_worker_the_works_calls_do_nothing(monkeypatch):
    monkeypatch.setattr(kill_board, "_board", [None, -1])
    assert not in_pool_worker()
    unit_started()
    unit_blames(1)


def test_a_worker_takes_the_first_free_row(worker):
    assert in_pool_worker()
    assert row_of(worker)[PID] == os.getpid() and row_of(worker, 1)[PID] == 0
    take_row(worker)  # a second worker (here: the same pid) takes the next free row
    assert row_of(worker, 1)[PID] == os.getpid()


def test_the_row_shows_the_batch_the_unit_its_start_and_whom_to_blame(worker):
    seen = []

    def run(batch):
        seen.append(row_of(worker))  # the batch has started, no unit yet
        for _ in batch:
            unit_started()
            seen.append(row_of(worker))
            unit_blames(1)
        seen.append(row_of(worker))
        return list(batch)

    before = time.monotonic()
    assert run_watched(run, "ab", 7) == ["a", "b"]
    assert [(r[TICKET], r[PLACE]) for r in seen] == [(7, -1), (7, 0), (7, 1), (7, 1)]
    assert seen[0][STARTED] == 0 and all(r[STARTED] >= before for r in seen[1:])
    assert [r[PARTY] for r in seen[1:]] == [-1, -1, 1]  # a new unit blames no one until told
    assert row_of(worker)[STARTED] == 0, "the worker is not idle once its batch ended"
    unit_blames(0)
    assert row_of(worker)[PARTY] == 1, "an idle worker blamed a party"


def sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def show(board, row: int, pid: int, ran_for: float, party: int, ticket: int, place: int) -> None:
    board[row * FIELDS:(row + 1) * FIELDS] = [pid, time.monotonic() - ran_for, party, ticket, place]


def test_only_a_unit_overdue_is_killed_and_the_kill_says_what_it_ran():
    board = new_board(multiprocessing.get_context(), 3)
    waiting, overdue = sleeper(), sleeper()
    try:
        show(board, 0, waiting.pid, 1.2 * 2.0, 0, 3, 1)  # past its limit, not past the slack
        assert kill_overdue(board, 2.0) is None
        show(board, 2, overdue.pid, overdue_after(2.0) + 1, -1, 5, 4)
        killed = kill_overdue(board, 2.0)
        assert killed == Killed(5, 4, killed.message, None)
        assert "killed" in killed.message and f"{overdue_after(2.0):g} s" in killed.message
        assert overdue.wait(timeout=10) == -signal.SIGKILL
        assert waiting.poll() is None
    finally:
        for process in (waiting, overdue):
            process.kill()
            process.wait()


def test_a_worker_gone_meanwhile_is_passed_over_for_the_next_overdue_one():
    board = new_board(multiprocessing.get_context(), 2)
    gone, overdue = sleeper(), sleeper()
    gone.kill()
    gone.wait()
    try:
        show(board, 0, gone.pid, 100, 0, 1, 0)
        show(board, 1, overdue.pid, 100, 1, 2, 0)
        killed = kill_overdue(board, 1.0)
        assert (killed.ticket, killed.place, killed.party) == (2, 0, 1)
        assert overdue.wait(timeout=10) == -signal.SIGKILL
    finally:
        overdue.kill()
        overdue.wait()
