"""Small scenarios, test-only strategies and row helpers for the tournament tests."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from accord.io import load
from accord.strategies.base import Strategy
from accord.strategies.time_dependent import LinearConcession

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini():
    return load(MINI)


@pytest.fixture(scope="session")
def laptop(shared_domains):
    return load(shared_domains / "genius" / "Laptop")


def comparable(rows: list[dict]) -> list[dict]:
    """Rows without what depends on the machine (wall-clock seconds)."""
    return [{k: v for k, v in row.items() if k != "elapsed"} for row in rows]


# -- test-only strategies: instances with names, never added to the registry ------------------------------------
class Raises(Strategy, name="t-raises"):
    """Raises on every proposal."""

    def propose(self, state):
        raise RuntimeError("boom")

    def respond(self, state, offer):
        return False


class Exits(Strategy, name="t-exits"):
    """Calls ``sys.exit(5)`` on every proposal, trying to end the whole tournament."""

    def propose(self, state):
        import sys

        sys.exit(5)

    def respond(self, state, offer):
        return False


class Interrupts(Strategy, name="t-interrupts"):
    """Raises ``KeyboardInterrupt`` itself, as if the user had pressed Ctrl-C."""

    def propose(self, state):
        raise KeyboardInterrupt

    def respond(self, state, offer):
        return False


class Garbage(Strategy, name="t-garbage"):
    """Offers something that is not an outcome."""

    def propose(self, state):
        return "garbage"

    def respond(self, state, offer):
        return False


class Slow(Strategy, name="t-slow"):
    """Overruns its per-call budget (of less than 0.6 s), then returns normally."""

    def propose(self, state):
        time.sleep(0.6)
        return self.best

    def respond(self, state, offer):
        return False


class Sleeps(Strategy, name="t-sleeps"):
    """Never returns (blocked in a sleep): the budget watchdog interrupts it in a main thread, the wall-clock
    guard elsewhere."""

    def propose(self, state):
        time.sleep(60)
        return self.best

    def respond(self, state, offer):
        return False


class Dawdles(Strategy, name="t-dawdles"):
    """Every call well within the budget, but the session outlasts the wall-clock guard."""

    def propose(self, state):
        time.sleep(0.01)
        return self.best

    def respond(self, state, offer):
        time.sleep(0.01)
        return False


class Spins(Strategy, name="t-spins"):
    """Never returns (a busy loop)."""

    def propose(self, state):
        while True:
            pass

    def respond(self, state, offer):
        return False


class DiesOnce(LinearConcession, name="t-dies-once"):
    """Plays like ``linear`` but kills its worker process the first time it runs (marker file)."""

    def __init__(self, marker: str = "") -> None:
        super().__init__()
        self.marker = marker

    def propose(self, state):
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return super().propose(state)
        os._exit(3)


class Kills(Strategy, name="t-kills"):
    """Kills its worker process every time."""

    def propose(self, state):
        os._exit(3)

    def respond(self, state, offer):
        return False


def note_attempt(log: str) -> None:
    """Add a line to the file ``log`` (when given): a test counts how often a hanging strategy was started."""
    if log:
        with open(log, "a") as attempts:
            attempts.write(f"{os.getpid()}\n")


class Swallows(Strategy, name="t-swallows"):
    """Catches every exception (the guards' too) in a loop: only killing its process stops it (bounded at two
    minutes, so a broken runner fails the test instead of hanging it). Notes each start in the file ``log``."""

    def __init__(self, log: str = "") -> None:
        super().__init__()
        self.log = log

    def propose(self, state):
        note_attempt(self.log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                time.sleep(1)
            except BaseException:  # noqa: BLE001 - the point of this strategy
                pass
        return self.best

    def respond(self, state, offer):
        return False


class BlocksAlarm(Strategy, name="t-blocks-alarm"):
    """Blocks the signals of the wall-clock guard and the budget watchdog, then sleeps (two minutes at most).
    Notes each start in the file ``log``."""

    def __init__(self, log: str = "") -> None:
        super().__init__()
        self.log = log

    def propose(self, state):
        import signal

        note_attempt(self.log)

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGURG})
        time.sleep(120)
        return self.best

    def respond(self, state, offer):
        return False
