"""What every protocol shares: the session settings, the record of a finished run, and fault containment."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter

import numpy as np

from accord.protocols.watchdog import IDLE, STRATEGY_EXITS, OverBudget, from_user

MEDIATOR = -1
"""The party index the trace uses for a mediator."""


@dataclass(frozen=True)
class SessionConfig:
    """Deadline and limits of one session.

    ``rounds``: a round is one turn for every party. ``seconds``: wall-clock deadline (makes the trace depend on
    the machine). ``discounting``: multiply final utilities by δᵗ for parties with a discount factor, ``t`` the
    relative time of the agreement.

    ``budget``: seconds a single strategy call (``propose``, ``respond``, ``vote``) may take; overrunning it ends
    the session as an ``over-budget`` fault of that party. A call that returns late is caught by a
    ``time.perf_counter`` check after it returns. A call still running after ``budget`` seconds is interrupted
    (:mod:`accord.protocols.watchdog`: ``SIGURG`` to the main thread, whose handler raises inside the call; a
    blocking ``time.sleep`` is interrupted too) when the session runs in the main thread of a POSIX process:
    ``accord simulate``, ``run_session`` called from a script's main thread, the serial tournament executor,
    tournament process workers and the web workbench's worker processes (:mod:`accord.web.sessions`). Limits:

    * other threads get only the after-the-fact check, so a call that never returns hangs the session: Dask
      worker threads (the tournament's ``timeout`` guard stops those), and any ``run_session`` from a thread of
      your own;
    * platforms without ``SIGURG`` and ``signal.pthread_kill`` (Windows): the after-the-fact check only;
    * ``Strategy.setup`` is not under the budget, nor is the ``zeuthen`` protocol (it calls no strategy);
    * a strategy that catches ``BaseException`` (a bare ``except:``) and carries on is interrupted again after
      every further ``budget`` seconds, but can keep swallowing it; C code that neither returns to the
      interpreter nor gives way to signals (a compiled extension's long loop) is stopped only when it returns;
    * while the session runs, its process's ``SIGURG`` handler is the watchdog's (restored afterwards; a handler
      the program had installed is still called for ``SIGURG`` signals that are not the watchdog's).
    """

    rounds: int | None = 100
    seconds: float | None = None
    budget: float = 1.0
    discounting: bool = True
    keep_trace: bool = True


@dataclass(frozen=True)
class Fault:
    """Why a strategy ended a session: it ``raised``, ran ``over-budget``, made an ``invalid-offer`` or gave an
    ``invalid-response``."""

    party: int
    kind: str
    message: str

    def to_json(self) -> dict:
        return {"party": self.party, "kind": self.kind, "message": self.message}


MAX_TRACE_ROWS = 100_000
"""The most trace rows a session keeps: a longer session keeps its last rows (and says so), so its memory stays
bounded whatever the deadline."""


def bounded_trace() -> deque:
    """An empty trace that keeps the last rows: one more than :data:`MAX_TRACE_ROWS`, so that a full one shows
    that rows were dropped."""
    return deque(maxlen=MAX_TRACE_ROWS + 1)


@dataclass
class Run:
    """The raw record a protocol returns: how it ended and the trace as plain tuples
    ``(round, party, action, position, time)`` (``position`` −1 for none, ``party`` −1 for a mediator), the last
    :data:`MAX_TRACE_ROWS` (+1) of them."""

    position: int | None = None
    ended_by: str = "deadline"
    fault: Fault | None = None
    steps: int = 0
    rounds: int = 0
    time: float = 0.0
    elapsed: float = 0.0
    trace: deque = field(default_factory=bounded_trace)


def describe(error: BaseException) -> str:
    """One line for an exception a strategy raised."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def as_position(value: object, n_outcomes: int) -> int | None:
    """``value`` as an outcome position, or ``None`` when it is not one (bools and floats are not)."""
    if value.__class__ is int:
        return value if 0 <= value < n_outcomes else None  # type: ignore[operator]
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        return None
    try:
        number = value.__index__()  # numpy integers
    except Exception:  # noqa: BLE001
        return None
    return number if 0 <= number < n_outcomes else None


def as_answer(value: object) -> bool | str | None:
    """A response as ``True``/``False``/``END``, or ``None`` when it is none of them (numpy bools count)."""
    from accord.strategies.base import END

    if isinstance(value, str):
        return END if value == END else None
    if isinstance(value, np.bool_):  # its class is named bool_ before numpy 2 and bool since
        return bool(value)
    return None


def raised(party: int, error: Exception) -> Fault:
    """The fault of a strategy call that raised ``error``."""
    return Fault(party, "raised", describe(error))


def over_budget(party: int, method: str, took: float, budget: float) -> Fault:
    """The fault of a strategy call that returned after ``took`` seconds, past its ``budget``."""
    return Fault(party, "over-budget", f"{method} took {took:.3g} s (budget {budget:g} s)")


def interrupted(party: int, method: str, clock: list, budget: float) -> Fault:
    """The fault of a call the watchdog interrupted; ``clock[0]`` still holds when it began."""
    took = perf_counter() - clock[0]
    clock[0] = IDLE  # no further interruption for this call
    return Fault(party, "over-budget", f"{method} was interrupted after {took:.3g} s (budget {budget:g} s)")


def invalid_offer(party: int, offer: object, n_outcomes: int) -> Fault:
    """The fault of a ``propose`` that returned something that is not an outcome position."""
    return Fault(party, "invalid-offer", f"offered {offer!r:.80}, not an outcome position in 0..{n_outcomes - 1}")


def invalid_response(party: int, method: str, may_end: bool = True) -> Fault:
    """The fault of a ``respond`` or ``vote`` that returned something that is not an answer."""
    allowed = "True, False or END" if may_end else "True or False"
    return Fault(party, "invalid-response", f"{method} returned something other than {allowed}")


def guarded_call(party: int, budget: float, clock: list, method: Callable, *args) -> tuple[object, Fault | None]:
    """Call one strategy method; raising or overrunning ``budget`` becomes the party's fault. The call's start and
    ``party`` are stored in ``clock`` for the watchdog (see :func:`accord.protocols.watchdog.watching`), which
    interrupts the call once it has run for ``budget`` seconds and blames ``party`` for anything else that ends
    the session during it. (The SAOP loop inlines the same checks on its hot path.)"""
    clock[1] = party
    began = clock[0] = perf_counter()
    try:
        value = method(*args)
    except Exception as error:  # noqa: BLE001 - contained: the session breaks down
        clock[0] = IDLE
        return None, raised(party, error)
    except STRATEGY_EXITS as error:  # sys.exit or KeyboardInterrupt from the strategy: its fault, not the end
        if from_user(error):
            raise
        clock[0] = IDLE
        return None, raised(party, error)
    except OverBudget:
        return None, interrupted(party, method.__name__, clock, budget)
    clock[0] = IDLE
    took = perf_counter() - began
    if took > budget:
        return None, over_budget(party, method.__name__, took, budget)
    return value, None


def guarded_answer(party: int, budget: float, clock: list, method: Callable, *args, may_end: bool = True
                   ) -> tuple[object, Fault | None]:
    """:func:`guarded_call` of a method that answers: ``True``/``False`` (or ``END`` when ``may_end``), else an
    ``invalid-response`` fault."""
    value, fault = guarded_call(party, budget, clock, method, *args)
    if fault is not None:
        return None, fault
    if value is True or value is False:
        return value, None
    answer = as_answer(value)
    if answer is None or (answer is not True and answer is not False and not may_end):
        return None, invalid_response(party, method.__name__, may_end)
    return answer, None
