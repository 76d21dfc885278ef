"""A strategy that raises, overruns its budget, returns garbage or never returns loses that session — recorded
with the error — and the tournament goes on."""

from __future__ import annotations

import signal
from collections import Counter
from contextlib import contextmanager

import pytest

from accord.tournament import ProcessExecutor, SerialExecutor, Store, plan, run, summarize
from accord import executors
from accord.executors import DaskExecutor, make_executor
from accord.kill_board import kill_overdue, overdue_after
from accord.tournament.plan import Settings
from accord.tournament.worker import batches, run_batch

from tests.tournament.conftest import (BlocksAlarm, Dawdles, Exits, Garbage, Interrupts, Raises, Sleeps, Slow, Spins,
                                      Swallows, comparable)

SETTINGS = Settings(budget=0.3, timeout=1.0)
"""Budgets for tests whose healthy sessions must stay healthy: far above any call or session of theirs, even on
a loaded machine (a stalled call would be recorded as a fault of a healthy strategy)."""
FAST_KILL = Settings(budget=0.3, timeout=0.5)
"""For the tests that wait for workers to be killed (1.75 s each): a session of ``mini`` takes milliseconds."""
EXPECTED = {"t-raises": "raised", "t-exits": "raised", "t-interrupts": "raised", "t-garbage": "invalid-offer", "t-slow": "over-budget",
            "t-sleeps": "over-budget",  # interrupted by the budget watchdog (sessions in a main thread)
            "t-dawdles": "hung",  # stopped by the wall-clock guard
            "t-spins": "over-budget"}  # on Dask too: a session under a timeout runs in a killable process


def faults_of(rows):
    return Counter((row["fault_strategy"], row["fault_kind"]) for row in rows if row["fault_kind"])


def check(rows, strategies):
    faulty = [s.name for s in strategies if not isinstance(s, str)]
    # every session with exactly one faulty strategy is lost by that strategy, with its error
    for row in rows:
        bad = [name for name in row["strategies"] if name in faulty]
        if len(bad) == 1:
            assert row["fault_strategy"] == bad[0], row
            assert row["fault_kind"] == EXPECTED[bad[0]], row
            assert row["fault_message"], row
            assert row["ended_by"] == "error" and row["agreement"] == 0
            assert row["fault_party"] == row["strategies"].index(bad[0])
        elif not bad:
            assert row["fault_kind"] is None, row
    stats = {s.name: s for s in summarize(rows)}
    assert stats["linear"].faults == 0
    for name in faulty:
        assert stats[name].faults >= 2


@pytest.mark.parametrize("executor", ["serial", "processes"])
def test_faults_are_contained_and_recorded(mini, executor):
    strategies = ["linear", Raises(), Garbage(), Slow(), Sleeps()]
    # every fault here is caught per call; a wall-clock guard far above the budget keeps a call that a busy
    # machine delays from being stopped as a hung session instead (the guard has its own test below)
    tournament = plan([mini], strategies, settings=Settings(budget=SETTINGS.budget, timeout=5.0))
    with Store(":memory:") as store, (SerialExecutor() if executor == "serial" else ProcessExecutor(2)) as pool:
        run(tournament, store, pool)
        rows = store.rows()
    assert len(rows) == len(tournament) == 20
    check(rows, strategies)
    assert faults_of(rows)[("t-sleeps", "over-budget")] >= 2


@pytest.mark.parametrize("executor", ["serial", "processes"])
def test_a_session_that_outlasts_the_wall_clock_guard_is_recorded_as_hung(mini, executor):
    """Each of the dawdler's calls is short; the session as a whole runs past ``timeout``. The per-call budget is
    far above any call (a call stalled by a busy machine must not count as over budget)."""
    strategies = ["linear", Dawdles()]
    tournament = plan([mini], strategies, settings=Settings(budget=5.0, timeout=0.25))
    with Store(":memory:") as store, (SerialExecutor() if executor == "serial" else ProcessExecutor(2)) as pool:
        run(tournament, store, pool)
        rows = store.rows()
    assert len(rows) == len(tournament) == 2
    check(rows, strategies)
    assert faults_of(rows)[("t-dawdles", "hung")] == 2


@pytest.mark.parametrize("executor", ["serial", "processes"])
def test_sys_exit_and_keyboard_interrupt_from_a_strategy_lose_its_sessions_only(mini, executor):
    """Issue 11 §15: sys.exit(5) ended the tournament with exit 5, and a strategy's KeyboardInterrupt as Ctrl-C."""
    strategies = ["linear", "boulware", Exits(), Interrupts()]
    tournament = plan([mini], strategies, settings=SETTINGS)
    with Store(":memory:") as store, (SerialExecutor() if executor == "serial" else ProcessExecutor(2)) as pool:
        run(tournament, store, pool)
        rows = store.rows()
    assert len(rows) == len(tournament)
    check(rows, strategies)
    messages = {row["fault_strategy"]: row["fault_message"] for row in rows if row["fault_kind"]}
    assert messages["t-exits"] == "SystemExit: 5" and messages["t-interrupts"] == "KeyboardInterrupt"


@pytest.mark.parametrize("faulty", [[Raises(), Spins()],  # a thread cannot interrupt a sleep
                                    [Exits(), Interrupts()]])  # issue 11 §15: sys.exit hung --dask local
def test_faults_are_contained_on_dask_threads(mini, faulty):
    pytest.importorskip("distributed")
    strategies = ["linear", *faulty]
    tournament = plan([mini], strategies, settings=SETTINGS)
    with Store(":memory:") as store, DaskExecutor("local", 2, processes=False) as pool:
        run(tournament, store, pool)
        rows = store.rows()
    assert len(rows) == len(tournament)
    check(rows, strategies)


def test_the_alarm_guard_stops_a_session_inside_a_strategy_not_between_calls():
    import signal
    import sys

    from accord.tournament.worker import RETRY, SessionHung, _AlarmGuard

    class Thinking(Dawdles):
        def propose(self, state):
            return sys._getframe()

    guard = _AlarmGuard(timeout=60)
    with guard:
        guard._fire(signal.SIGALRM, sys._getframe())  # between calls: look again shortly, do not stop yet
        assert guard.retries == 1 and 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= RETRY
        signal.setitimer(signal.ITIMER_REAL, 0)
        with pytest.raises(SessionHung):
            guard._fire(signal.SIGALRM, Thinking().propose(None))


EXECUTORS = {"processes": lambda: make_executor(2, killable=True),
             "serial": lambda: make_executor(None, killable=True),  # serial with a timeout: a one-process pool
             "dask": lambda: make_executor(2, "local", killable=True)}  # Dask worker processes


@pytest.mark.parametrize("hangs, executor", [(Swallows, "processes"), (BlocksAlarm, "serial"), (Swallows, "dask")])
def test_a_strategy_that_defeats_the_guards_is_killed_once_and_resumes(mini, tmp_path, monkeypatch, hangs, executor):
    """Issue 11 §15: a strategy catching BaseException in a loop, or blocking SIGALRM, hung the tournament for
    ever, even with a timeout (on Dask still), and every re-run hit the same session. Its worker is killed past
    the timeout, the session is its fault (``hung``), every other session is stored, and a re-run has nothing left
    to run. Each hung session is killed once (it was killed three times before it was recorded)."""
    if executor == "dask":
        pytest.importorskip("distributed")
    kills = []
    monkeypatch.setattr(executors, "kill_overdue",
                        lambda board, limit: (killed := kill_overdue(board, limit)) and kills.append(killed) or killed)
    log = tmp_path / "attempts"
    strategies = ["linear", "boulware", hangs(log=str(log))]
    tournament = plan([mini], strategies, settings=FAST_KILL)
    path = tmp_path / "t.db"
    with Store(path) as store, EXECUTORS[executor]() as pool:
        with safety_deadline(300):
            run(tournament, store, pool, size=2)
        rows = store.rows()
    assert len(rows) == len(tournament) == 6
    hung = [row for row in rows if hangs.name in row["strategies"]]
    assert len(hung) == 4
    if executor != "dask":  # (Dask's pools kill in the Dask workers)
        assert len(kills) == 4
    if executor != "processes":  # (with two workers, a batch whose worker goes down with the pool starts again)
        assert len(log.read_text().split()) == 4
    for row in hung:
        assert row["fault_kind"] == "hung" and row["agreement"] == 0 and "killed" in row["fault_message"], row
        assert row["fault_strategy"] == hangs.name and row["fault_party"] == row["strategies"].index(hangs.name)
    assert not any(row["fault_kind"] for row in rows if hangs.name not in row["strategies"])
    with Store(path) as store, ProcessExecutor(1) as pool, safety_deadline(60):
        assert run(tournament, store, pool) == 0
    # the same rows whatever the executor: the healthy sessions as run in this process, the hung ones alike
    healthy = [task for task in tournament.tasks if hangs.name not in [tournament.labels[k] for k in task.strategies]]
    expected = [row.to_json() for row in run_batch(batches(tournament, healthy, len(healthy))[0])]
    assert comparable([row for row in rows if hangs.name not in row["strategies"]]) == comparable(expected)
    assert {row["fault_message"] for row in hung} == {
        f"session still running after {overdue_after(FAST_KILL.timeout):g} s (wall clock); "
        "its worker process was killed"}


@contextmanager
def safety_deadline(seconds: int):
    """Fail (SIGALRM in the test's main thread) instead of hanging when a run never ends."""
    def fail(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
