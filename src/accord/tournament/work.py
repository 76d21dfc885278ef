"""Tournament batches as :class:`~accord.executors.Work`: run a batch, split a suspect one into single sessions,
and record a session that kills its worker on its own as lost (``worker-died``)."""

from __future__ import annotations

from accord.executors import Work
from accord.simulate import prepare
from accord.tournament.rows import SessionRow, lost_row
from accord.tournament.worker import Batch, run_batch


def split_batch(batch: Batch) -> list[Batch]:
    """One batch per session of ``batch``."""
    return [Batch(batch.settings, {t.scenario: batch.scenarios[t.scenario]}, batch.strategies, batch.labels, (t,))
            for t in batch.tasks]


def lost_batch(batch: Batch, message: str) -> list[SessionRow]:
    """The row of the one session of ``batch``, whose worker died running it."""
    task = batch.tasks[0]
    labels = [batch.labels[k] for k in task.strategies]
    return [lost_row(task, labels, prepare(batch.scenarios[task.scenario]), None, "worker-died", message)]


SESSIONS = Work(run=run_batch, split=split_batch, lost=lost_batch)
