"""Tournament batches as :class:`~accord.executors.Work`: run a batch, split a suspect one into single sessions,
record a session that kills its worker on its own as lost (``worker-died``), and one whose worker was killed for
running past the timeout as ``hung``."""

from __future__ import annotations

from accord.executors import Work
from accord.simulate import prepare
from accord.tournament.rows import SessionRow, lost_row
from accord.tournament.worker import Batch, run_batch


def split_batch(batch: Batch) -> list[Batch]:
    """One batch per session of ``batch``."""
    return [Batch(batch.settings, {t.scenario: batch.scenarios[t.scenario]}, batch.strategies, batch.labels, (t,))
            for t in batch.tasks]


def lost_batch(batch: Batch, message: str, party: int | None = None, kind: str = "worker-died") -> list[SessionRow]:
    """The row of the one session of ``batch``, whose worker died running it (or was killed: ``kind``)."""
    task = batch.tasks[0]
    labels = [batch.labels[k] for k in task.strategies]
    return [lost_row(task, labels, prepare(batch.scenarios[task.scenario]), party, kind, message)]


def hung_batch(batch: Batch, message: str, party: int | None) -> list[SessionRow]:
    """The row of the one session of ``batch``, whose worker was killed for running past the timeout: the fault
    of ``party`` (the strategy whose call was running), when known."""
    return lost_batch(batch, message, party, "hung")


def session_limit(batch: Batch) -> float | None:
    """The seconds one session of ``batch`` may run (the tournament's wall-clock ``timeout``)."""
    return batch.settings.timeout or None


SESSIONS = Work(run=run_batch, split=split_batch, lost=lost_batch, limit=session_limit, hung=hung_batch)
