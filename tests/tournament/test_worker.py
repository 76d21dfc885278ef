"""The worker runs a batch and blames a session it had to stop on the party whose strategy was running."""

from __future__ import annotations

import time

from accord.strategies.base import Strategy
from accord.tournament import plan, run_batch
from accord.tournament.plan import Settings
from accord.tournament.worker import batches


class SlowStart(Strategy, name="t-slow-start"):
    """Takes a minute to set up (setup is under no budget: only the wall-clock guard stops it)."""

    def setup(self, view):
        super().setup(view)
        time.sleep(60)

    def propose(self, state):  # pragma: no cover - never reached
        return self.best

    def respond(self, state, offer):  # pragma: no cover - never reached
        return False


def test_a_session_stopped_in_a_setup_call_is_lost_by_that_party(mini):
    tournament = plan([mini], ["linear", SlowStart()], settings=Settings(timeout=0.2))
    rows = [row for batch in batches(tournament, list(tournament.tasks), 8) for row in run_batch(batch)]
    assert len(rows) == 2
    for row in rows:
        assert row.fault_kind == "hung" and row.fault_strategy == "t-slow-start"
        assert row.strategies[row.fault_party] == "t-slow-start"
