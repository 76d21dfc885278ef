"""Run a batch of planned sessions and return one :class:`~accord.tournament.rows.SessionRow` per session (this
is what executors ship out).

Every session runs under a wall-clock guard (``Settings.timeout``): in a process's main thread a ``SIGALRM``
timer interrupts even a strategy stuck in ``time.sleep``; in other threads (Dask workers) a watchdog raises
into the running thread between bytecodes (best effort: it cannot interrupt a blocking C call). The party whose
strategy was thinking when the guard fired (the protocols' clock says whose call runs:
:func:`accord.protocols.watchdog.blamed`) loses the session, recorded as a ``hung`` fault (in a main thread,
a guard that fires between two strategy calls looks again a millisecond later, so it stops a strategy). In a
main thread the protocols' own budget watchdog (:mod:`accord.protocols.watchdog`) usually acts first: a single
call running past ``Settings.budget`` ends the session as an ``over-budget`` fault, with its trace.

A strategy can defeat both (catch ``BaseException`` in a loop, block ``SIGALRM``). In a pool worker each session
therefore also shows its start on the executor's board, and a reporter thread shows whose call is running, so the
parent can kill the worker and blame that party (:mod:`accord.executors`; on Dask, the batch's task starts such
a pool for it).
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from dataclasses import dataclass
from types import FrameType

from accord import executors
from accord.model import Scenario
from accord.protocols.common import describe
from accord.protocols.watchdog import STRATEGY_EXITS, blamed, calling, from_user
from accord.simulate import prepare, run_session
from accord.strategies.base import Strategy
from accord.tournament.plan import Plan, Settings, Task
from accord.tournament.rows import SessionRow, finished_row, lost_row


@dataclass(frozen=True)
class Batch:
    """Sessions shipped to a worker together, with only the scenarios they need."""

    settings: Settings
    scenarios: dict[int, Scenario]
    strategies: tuple
    labels: tuple[str, ...]
    tasks: tuple[Task, ...]


def batches(plan: Plan, tasks: list[Task], size: int) -> list[Batch]:
    """``tasks`` (in plan order) cut into batches of at most ``size``."""
    out = []
    for start in range(0, len(tasks), size):
        chunk = tuple(tasks[start:start + size])
        needed = {task.scenario: plan.scenarios[task.scenario] for task in chunk}
        out.append(Batch(plan.settings, needed, plan.strategies, plan.labels, chunk))
    return out


class SessionHung(BaseException):
    """Raised into a session that overran its wall-clock guard (a BaseException, so strategies' and protocols'
    ``except Exception`` cannot swallow it)."""


RETRY = 0.001
"""Seconds before the SIGALRM guard looks again when it fired between two strategy calls."""
RETRIES = 200
"""How often it looks again before it stops the session wherever it is (protocol code that never ends)."""


def _in_strategy(frame: FrameType | None) -> bool:
    """Whether ``frame`` or a frame that called it runs a strategy's method."""
    while frame is not None:
        if isinstance(frame.f_locals.get("self"), Strategy):
            return True
        frame = frame.f_back
    return False


class _AlarmGuard:
    """Per-session SIGALRM timer (main thread only). A signal that lands between two strategy calls (a loaded
    machine can keep the main thread from running right after a call returns) looks again ``RETRY`` seconds
    later, so the session is stopped inside the strategy that is using the time and blamed on it."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.retries = 0

    def __enter__(self) -> "_AlarmGuard":
        self.previous = signal.signal(signal.SIGALRM, self._fire)
        return self

    def _fire(self, signum, frame) -> None:
        if self.retries < RETRIES and not _in_strategy(frame):
            self.retries += 1
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return
        raise SessionHung()

    def start(self) -> None:
        self.retries = 0
        signal.setitimer(signal.ITIMER_REAL, self.timeout)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, *exc) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


class _ThreadGuard:
    """A watchdog thread that raises :class:`SessionHung` into the worker thread when a session overruns."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.target = threading.get_ident()
        self.started: float | None = None
        self.done = threading.Event()

    def __enter__(self) -> "_ThreadGuard":
        self.thread = threading.Thread(target=self._watch, daemon=True, name="accord-session-guard")
        self.thread.start()
        return self

    def _watch(self) -> None:
        tick = min(0.2, self.timeout / 4)
        while not self.done.wait(tick):
            started = self.started
            if started is not None and time.perf_counter() - started > self.timeout:
                self.started = None
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target),
                                                           ctypes.py_object(SessionHung))

    def start(self) -> None:
        self.started = time.perf_counter()

    def stop(self) -> None:
        self.started = None

    def __exit__(self, *exc) -> None:
        self.started = None
        self.done.set()


class _NoGuard:
    def __enter__(self) -> "_NoGuard":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _guard(timeout: float | None):
    if not timeout:
        return _NoGuard()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _AlarmGuard(timeout)
    return _ThreadGuard(timeout)


REPORT_EVERY = 0.05
"""Seconds between a pool worker's reports of whose strategy call is running."""

_reporter: list[int] = []  # the pid of the process whose reporter thread runs


def _report_blame() -> None:
    while True:
        executors.unit_blames(calling())
        time.sleep(REPORT_EVERY)


def _start_reporter() -> None:
    """In a pool worker, once per process: a daemon thread that keeps the board's party up to date."""
    if executors.in_pool_worker() and _reporter[-1:] != [os.getpid()]:
        _reporter.append(os.getpid())
        threading.Thread(target=_report_blame, name="accord-blame-reporter", daemon=True).start()


def run_batch(batch: Batch) -> list[SessionRow]:
    """Run every session of ``batch``; one row each. Faults of strategies are rows too, never exceptions."""
    settings = batch.settings
    prepared = {s: prepare(scenario) for s, scenario in batch.scenarios.items()}
    rows = []
    if settings.timeout:
        _start_reporter()
    with _guard(settings.timeout) as guard:
        for task in batch.tasks:
            specs = [batch.strategies[k] for k in task.strategies]
            labels = [batch.labels[k] for k in task.strategies]
            started = time.perf_counter()
            executors.unit_started()
            try:
                guard.start()
                try:
                    result = run_session(prepared[task.scenario], specs, protocol=settings.protocol,
                                         rounds=settings.rounds, seconds=settings.seconds, seed=task.seed,
                                         budget=settings.budget, discounting=settings.discounting,
                                         keep_trace=False)
                finally:
                    guard.stop()
                rows.append(finished_row(task, labels, result))
            except SessionHung as error:
                rows.append(lost_row(task, labels, prepared[task.scenario], blamed(error), "hung",
                                     f"session still running after {settings.timeout:g} s (wall clock)",
                                     time.perf_counter() - started))
            except (Exception, *STRATEGY_EXITS) as error:  # noqa: BLE001 - a broken session never breaks the tournament
                if from_user(error):
                    raise
                rows.append(lost_row(task, labels, prepared[task.scenario], blamed(error), "crashed", describe(error),
                                     time.perf_counter() - started))
    return rows
