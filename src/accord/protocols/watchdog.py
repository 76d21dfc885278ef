"""Interrupting a strategy call that runs past its budget.

A protocol runs its loop inside ``with watching(budget) as clock:`` and stores, just before each strategy call,
the call's start (``time.perf_counter()``) in ``clock[0]`` and the calling party in ``clock[1]`` — list stores,
cheap enough for the SAOP hot loop — and :data:`IDLE` in ``clock[0]`` once no call is running. One daemon thread per process sleeps until the running call's budget is
spent; if ``clock[0]`` still holds the same start then, it sends ``SIGURG`` to the main thread, whose handler
(installed for the session only) raises :class:`OverBudget` inside the call. Signals interrupt blocking C calls
such as ``time.sleep`` too. The protocol catches :class:`OverBudget` and records an ``over-budget`` fault.

The handler raises only while ``clock[0]`` still holds the start the watchdog fired for, so a signal that arrives
once the next call has begun, or after the session, is ignored; one that lands in the protocol's own code just
after a late call returned is caught by the protocol around its loop and blamed on the same party. If the call
swallows the exception (a bare ``except:``) and goes on, the watchdog fires again after another budget.

Blame is explicit: an exception that leaves a watched session while a call runs (a tournament's wall-clock guard,
a crash) is marked with the party in ``clock[1]`` (:func:`blame`), and whoever catches it reads
:func:`blamed`. This works in every thread, armed or not.

It works in the main thread on POSIX platforms. Elsewhere (other threads: Dask threads, a thread of your own;
platforms without ``SIGURG``/``pthread_kill``: Windows) :func:`watching` arms nothing and only the protocols'
after-the-fact check applies. ``SIGURG`` is used because its default action is to ignore it: a stray one can
never kill the process. A handler the program had installed for it is restored after the session and is called
meanwhile for any ``SIGURG`` that is not the watchdog's.

A strategy may not end the program: ``sys.exit`` or a ``KeyboardInterrupt`` raised in a strategy call is that
strategy's fault (:func:`from_user`). To tell the user's Ctrl-C apart, the first armed session replaces Python's
default ``SIGINT`` handler by one that behaves the same but counts the signals (a handler the program installed
itself is left alone, and then every ``KeyboardInterrupt`` in the main thread counts as the user's).
"""

from __future__ import annotations

import math
import os
import signal
import threading
from time import perf_counter

try:  # signal.signal's enum conversions cost ~6 µs a call, and a tournament installs the handler per session
    from _signal import signal as _install_handler
except ImportError:  # not CPython
    _install_handler = signal.signal

IDLE = math.inf
"""``clock[0]`` while no strategy call is running."""

SIGNAL = getattr(signal, "SIGURG", None) if hasattr(signal, "pthread_kill") else None


class OverBudget(BaseException):
    """Raised inside a strategy call that ran past its budget. A ``BaseException``, so a strategy's own
    ``except Exception`` cannot swallow it; the protocols catch it and the session ends with an ``over-budget``
    fault, so it never leaves a session."""


class _Watch:
    """One armed session: its clock, its budget and the main thread to signal."""

    __slots__ = ("clock", "budget", "thread", "target", "fired", "previous", "outer", "dog")

    def __init__(self, budget: float) -> None:
        self.clock: list = [IDLE, None]  # the running call's start and party
        self.budget = budget
        self.target = None  # the call start the last signal was sent for
        self.fired = -math.inf
        self.thread: int | None = None  # set while armed

    def __enter__(self) -> list[float]:
        _interrupts[0] = 0  # a Ctrl-C before this session has already raised
        if SIGNAL is None:
            return self.clock
        try:
            self.previous = _install_handler(SIGNAL, _interrupt)
        except ValueError:  # not the main thread of the main interpreter: signals cannot reach this thread
            return self.clock
        self.thread = threading.get_ident()
        dog = self.dog = _current[0] or _start()
        self.outer = dog.watch
        dog.watch = self
        if dog.wakes_at > perf_counter() + self.budget:  # asleep for longer than this session's budget
            dog.nudge()
        return self.clock

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None and self.clock[0] != IDLE and self.clock[1] is not None:
            blame(error, self.clock[1])
        if self.thread is None:
            return
        self.clock[0] = IDLE  # from here on a late signal is ignored
        self.dog.watch = self.outer
        _install_handler(SIGNAL, self.previous if self.previous is not None else signal.SIG_DFL)


def watching(budget: float) -> _Watch:
    """``with watching(budget) as clock:`` — interrupt a strategy call still running ``budget`` seconds after the
    start the protocol stored in ``clock[0]`` (see the module docstring for where this works)."""
    return _Watch(budget)


_BLAMED = "accord_blamed_party"


def blame(error: BaseException, party: int) -> None:
    """Mark ``error`` as having ended a session during a call of ``party``'s strategy (an outer session, which
    leaves later, replaces an inner one's mark: the outermost session's party is to blame)."""
    setattr(error, _BLAMED, party)


def blamed(error: BaseException) -> int | None:
    """The party :func:`blame` marked ``error`` with, or ``None`` when it left no strategy call."""
    return getattr(error, _BLAMED, None)


def calling() -> int | None:
    """The party whose strategy call the armed session of this process is running now (``None``: no call, or
    no armed session); safe to read from any thread."""
    dog = _current[0]
    watch = dog.watch if dog is not None else None
    if watch is None:
        return None
    began, party = watch.clock
    return None if began == IDLE else party


def _interrupt(signum, frame) -> None:
    dog = _current[0]
    watch = dog.watch if dog is not None else None
    if watch is not None and watch.target is not None and watch.clock[0] == watch.target:
        raise OverBudget()
    previous = watch.previous if watch is not None else None
    if callable(previous) and previous is not _interrupt:
        previous(signum, frame)


class _Watchdog:
    """The per-process watchdog thread. ``watch`` is the session it watches (the innermost, if nested); the main
    thread swaps it without a lock (one store), and the thread, holding ``mutex`` except while it waits, checks
    that ``watch`` is still the one it planned for before it waits, so a session armed meanwhile is never missed.
    """

    def __init__(self) -> None:
        self.mutex = threading.Lock()
        self.wake = threading.Condition(self.mutex)
        self.watch: _Watch | None = None
        self.wakes_at = IDLE  # when the thread looks next (IDLE: not before it is nudged)
        threading.Thread(target=self._run, name="accord-watchdog", daemon=True).start()

    def nudge(self) -> None:
        with self.mutex:
            self.wake.notify()

    def _run(self) -> None:
        budget, lingering = 1.0, False
        with self.mutex:
            while True:
                watch = self.watch
                now = perf_counter()
                if watch is None:  # between sessions: look again after a budget, then sleep until nudged
                    due = IDLE if lingering else now + budget
                    lingering = not lingering
                else:
                    budget, lingering = watch.budget, False
                    began = watch.clock[0]
                    if began == IDLE:
                        due = now + budget
                    else:
                        due = max(began, watch.fired) + budget
                        if now >= due:
                            watch.target = began
                            watch.fired = now
                            signal.pthread_kill(watch.thread, SIGNAL)
                            due = now + budget
                self.wakes_at = due
                if self.watch is watch:  # else a session was armed meanwhile: plan again
                    self.wake.wait(None if due == IDLE else due - now)


_current: list[_Watchdog | None] = [None]
_hooked: list[bool] = []


def _forget() -> None:
    _current[0] = None


def _start() -> _Watchdog:
    """Start the process's watchdog (again in a forked child, which inherits no threads)."""
    if not _hooked:
        os.register_at_fork(after_in_child=_forget)
        _hooked.append(True)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # called in the main thread only
        signal.signal(signal.SIGINT, _count_interrupt)
    dog = _current[0] = _Watchdog()
    return dog


_interrupts = [0]
"""How many times the user pressed Ctrl-C (SIGINT) during the current session (once :func:`_count_interrupt` is
installed)."""


def _count_interrupt(signum, frame) -> None:
    """Python's own Ctrl-C handling (raise ``KeyboardInterrupt``), counting the signals, so that a strategy that
    raises ``KeyboardInterrupt`` itself can be told from the user pressing Ctrl-C."""
    _interrupts[0] += 1
    raise KeyboardInterrupt


STRATEGY_EXITS = (SystemExit, KeyboardInterrupt)
"""What a strategy may raise to try to end the whole program rather than its session."""


def from_user(error: BaseException) -> bool:
    """Whether ``error`` (one of :data:`STRATEGY_EXITS`, caught around a strategy call) must end the program:
    Ctrl-C pressed by the user. ``sys.exit`` from a strategy, and a ``KeyboardInterrupt`` it raises itself (or
    raises in a thread other than the main one, which Ctrl-C never reaches), are the strategy's fault instead."""
    if not isinstance(error, KeyboardInterrupt) or threading.current_thread() is not threading.main_thread():
        return False
    handler = signal.getsignal(signal.SIGINT)
    if handler is _count_interrupt:
        return _interrupts[0] > 0
    return handler is not signal.SIG_IGN  # Ctrl-C ignored here (a pool worker): never the user's
