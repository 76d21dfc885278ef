"""Tournaments: plan → executor → streamed, stored results.

``plan(scenarios, strategies, repetitions, seed, self_play, settings)`` lists every session (pure, seeded);
``run(plan, Store(path), make_executor(workers, dask))`` runs what the store does not hold yet, in batches, and
stores one row per session; ``summarize(store.rows())`` ranks the strategies with confidence intervals.
"""

from accord.executors import DaskExecutor, Executor, ProcessExecutor, SerialExecutor, make_executor
from accord.tournament.plan import Plan, Settings, Task, plan
from accord.tournament.rows import COLUMNS, SessionRow
from accord.tournament.runner import run
from accord.tournament.spec import TournamentSpec, load_spec
from accord.tournament.stats import Interval, StrategyStats, summarize, write_csv, write_parquet
from accord.tournament.store import Store, open_existing
from accord.tournament.worker import Batch, run_batch

__all__ = [
    "COLUMNS", "Batch", "DaskExecutor", "Executor", "Interval", "Plan", "ProcessExecutor", "SerialExecutor",
    "SessionRow", "Settings", "Store", "StrategyStats", "Task", "TournamentSpec", "load_spec", "make_executor", "open_existing", "plan",
    "run", "run_batch", "summarize", "write_csv", "write_parquet",
]
