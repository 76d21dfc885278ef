"""Strategies that stall or kill the worker process of a web session (test support; not collected).

Importing this module registers them (``register`` at the end). The server sends the worker the module of each requested strategy that was
registered this way, and the worker imports it by name, so it must be importable (``tests.web.stalling``).
"""

from __future__ import annotations

import os
import signal
import time

from accord.strategies import Strategy, register
from accord.strategies.registry import REGISTERED as REGISTRY

STALL = 90.0
"""Seconds a stalling call sleeps: far past any budget, yet finite, so that a regression that runs the session on
a server thread fails (the test stops waiting after 30 s) and its teardown ends instead of hanging the suite."""


class _Stalls(Strategy):
    def respond(self, state, offer):
        return False

    def propose(self, state):  # pragma: no cover - overridden
        raise NotImplementedError


class Sleeps(_Stalls, name="t-web-sleeps"):
    """Sleeps in ``propose`` far longer than any budget; the watchdog's signal interrupts it."""

    def propose(self, state):
        time.sleep(STALL)
        return self.best


class Deaf(_Stalls, name="t-web-deaf"):
    """Blocks the watchdog's signal, then sleeps in ``propose`` (as a call stuck in C code would)."""

    def propose(self, state):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGURG})
        time.sleep(STALL)
        return self.best


class Exits(_Stalls, name="t-web-exits"):
    """Ends its process in ``propose``."""

    def propose(self, state):
        os._exit(3)


register(Sleeps, Deaf, Exits)
NAMES = (Sleeps.name, Deaf.name, Exits.name)
REGISTERED = {name: REGISTRY[name] for name in NAMES}
"""What importing this module added to the registry (a test puts it back after removing it)."""
