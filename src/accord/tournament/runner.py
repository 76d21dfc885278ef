"""Run a planned tournament: skip what the store holds, ship the rest in batches, store rows as they stream back."""

from __future__ import annotations

import math
from collections.abc import Callable

from accord.errors import ScenarioError
from accord.simulate import prepare
from accord.simulate.session import check_options
from accord.executors import Executor, SerialExecutor
from accord.tournament.plan import Plan
from accord.tournament.store import Store
from accord.tournament.work import SESSIONS
from accord.tournament.worker import batches

MAX_BATCH = 256


def batch_size(n_tasks: int, workers: int) -> int:
    """Batches small enough to keep every worker busy and commits frequent, large enough that shipping a batch
    costs little next to running it."""
    return max(1, min(MAX_BATCH, math.ceil(n_tasks / (max(1, workers) * 8))))


def validate(plan: Plan) -> None:
    """Fail early, with one line, on options or scenarios no session could run with (also warms the cache that
    forked workers inherit)."""
    settings = plan.settings
    check_options(settings.protocol, settings.rounds, settings.seconds)
    for scenario in plan.scenarios:
        try:
            prepare(scenario)
        except ScenarioError as error:
            raise error.located(scenario.name) from None


def run(plan: Plan, store: Store, executor: Executor | None = None, size: int | None = None,
        progress: Callable[[int, int, int], None] | None = None) -> int:
    """Run every session of ``plan`` not yet in ``store``; returns how many were run now.

    ``progress(done, total, new)`` is called after each stored batch."""
    validate(plan)
    done = store.begin(plan)
    todo = [task for task in plan.tasks if task.index not in done]
    total = len(plan.tasks)
    finished = len(done)
    if progress:
        progress(finished, total, 0)
    if not todo:
        return 0
    executor = executor or SerialExecutor()
    size = size or batch_size(len(todo), executor.workers)
    ran = 0
    for rows in executor.map(SESSIONS, batches(plan, todo, size)):
        added = store.add(rows)
        finished += added
        ran += added
        if progress:
            progress(finished, total, added)
    return ran
