"""Executors: where units of work run. One small interface, three implementations; tournaments and the
forecast's Monte Carlo both use them.

``executor.map(work, batches)`` yields ``work.run(batch)`` for each batch as it finishes (in any order);
``executor.workers`` says how many batches run at once. ``executor.map_plain(fn, items)`` runs any picklable top-level function over plain
items on the same workers, in chunks, results in order (the forecast's Monte Carlo uses it). ``SerialExecutor`` runs them in this process, ``ProcessExecutor`` in a local
process pool, ``DaskExecutor`` on a Dask cluster (an existing scheduler, or a LocalCluster it starts).

A worker process that dies takes its batches with it; they are run again. A batch that keeps killing workers is
run alone, then ``work.split`` into single units; a unit that kills its worker on its own gives ``work.lost``
(a tournament records its session as ``worker-died``) instead of being retried for ever.

A unit may also never end (a strategy that swallows every exception in a loop, or blocks the signals its guard
uses). When ``work.limit(batch)`` gives the seconds a unit may run, each pool worker shows on a shared board when
its current unit started (:func:`unit_started`) and whose fault it would be (:func:`unit_blames`); the parent kills
a worker whose unit ran past the limit plus a slack, and the killed batch goes the way of a dead worker's, except
that a single unit killed on its own gives ``work.hung`` instead of ``work.lost``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from accord.errors import OptionError
from accord.parent_watch import exit_with_parent

MAX_IN_FLIGHT_PER_WORKER = 2
MAX_WORKERS = 64
"""The most local worker processes (or local Dask workers) a run may ask for."""
CHUNKS_PER_WORKER = 4
WATCH_TICK = 0.1
"""Seconds between the parent's looks at the board while units run under a limit."""


def overdue_after(limit: float) -> float:
    """Seconds after which a unit allowed ``limit`` seconds is stopped by killing its worker: well past the
    limit, so the worker's own guard (which records more) acts first whenever it can."""
    return 1.5 * limit + 1.0


@dataclass(frozen=True)
class Work:
    """What :meth:`Executor.map` runs: ``run(batch)`` gives the batch's results (a list); ``split(batch)`` cuts a
    batch whose worker died into single units; ``lost(unit, message)`` are the results of a unit that kills its
    worker on its own. All three are top-level functions, so they pickle to any worker."""

    run: Callable[[Any], list]
    split: Callable[[Any], list]
    lost: Callable[[Any, str], list]
    limit: Callable[[Any], float | None] | None = None
    """The seconds one unit of a batch may run before its worker process is killed (``None``: no limit)."""
    hung: Callable[[Any, str, int | None], list] | None = None
    """The results of a single unit killed for running past the limit: ``hung(unit, message, party)``, with the
    party the worker last reported (:func:`unit_blames`) or ``None``."""


def apply_chunk(fn: Callable, chunk: Sequence) -> list:
    """``fn`` over one chunk of items (a top-level function, so it pickles to any worker)."""
    return [fn(item) for item in chunk]


def chunked(items: Sequence, workers: int) -> list[Sequence]:
    """About ``CHUNKS_PER_WORKER`` chunks per worker, in order."""
    size = max(1, -(-len(items) // (max(1, workers) * CHUNKS_PER_WORKER)))
    return [items[start:start + size] for start in range(0, len(items), size)]


class Executor:
    """Runs batches of work; subclasses implement :meth:`map` (and :meth:`map_chunks` to run anything)."""

    workers: int = 1

    def map(self, work: Work, batches: Iterable) -> Iterator[list]:  # pragma: no cover - abstract
        raise NotImplementedError

    def map_chunks(self, fn: Callable, chunks: list[Sequence]) -> list[list]:
        """``apply_chunk(fn, chunk)`` for every chunk, results in order (here: in this process)."""
        return [apply_chunk(fn, chunk) for chunk in chunks]

    def map_plain(self, fn: Callable, items: Iterable) -> list:
        """``[fn(item) for item in items]``, computed on this executor's workers."""
        items = list(items)
        return [result for chunk in self.map_chunks(fn, chunked(items, self.workers)) for result in chunk]

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialExecutor(Executor):
    """Every batch in this process, one after the other."""

    def map(self, work: Work, batches: Iterable) -> Iterator[list]:
        for batch in batches:
            yield work.run(batch)


class _Retries:
    """The bookkeeping of batches whose worker died: suspects run alone, then one session at a time."""

    def __init__(self, work: Work) -> None:
        self.work = work
        self.suspects: deque = deque()

    def failed(self, batch: Any, alone: bool, killed: tuple[str, int | None] | None = None) -> list | None:
        """Note a failure; returns the lost results when a single unit killed its worker on its own (or, when
        ``killed`` gives the message and party, was killed for running past its limit)."""
        if not alone:
            self.suspects.append(batch)
        elif len(parts := self.work.split(batch)) > 1:
            self.suspects.extendleft(reversed(parts))
        elif killed is not None and self.work.hung is not None:
            return self.work.hung(batch, *killed)
        else:
            return self.work.lost(batch, "the worker process running this session died")
        return None


FIELDS = 3
"""Per worker on the board: its pid, when its current unit started (``time.monotonic()``, 0 while idle) and the
party to blame (-1: unknown)."""

_board: list = [None, -1]  # in a pool worker: the board and this worker's row


def unit_started() -> None:
    """Called by work in a pool worker as each unit starts (a no-op elsewhere)."""
    board, row = _board
    if board is not None:
        board[row * FIELDS + 2] = -1
        board[row * FIELDS + 1] = time.monotonic()


def unit_blames(party: int | None) -> None:
    """Called by work in a pool worker (from any thread) with the party that would be at fault right now."""
    board, row = _board
    if board is not None and board[row * FIELDS + 1]:
        board[row * FIELDS + 2] = -1 if party is None else party


def _run_watched(run: Callable[[Any], list], batch: Any) -> list:
    """``run(batch)`` in a pool worker, showing the worker idle on the board once it ends."""
    try:
        return run(batch)
    finally:
        _board[0][_board[1] * FIELDS + 1] = 0.0


def in_pool_worker() -> bool:
    """Whether this process is a pool worker with a row on the board."""
    return _board[0] is not None


class ProcessExecutor(Executor):
    """A local pool of ``workers`` processes (forked where the platform allows, so workers start warm)."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise OptionError(f"workers must be 1 or more, got {workers}", parameter="workers",
                              fix="give 1 or more")
        self.workers = workers
        method = "fork" if sys.platform.startswith("linux") else None
        self.context = multiprocessing.get_context(method)
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.board = self.context.Array("d", FIELDS * self.workers)
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.context,
                                   initializer=_start_worker, initargs=(os.getpid(), self.board))
        wait([pool.submit(int) for _ in range(self.workers)])  # start every worker now, before other threads
        return pool

    def map(self, work: Work, batches: Iterable) -> Iterator[list]:
        pending = deque(batches)
        retries = _Retries(work)
        in_flight: dict = {}
        limit = self.workers * MAX_IN_FLIGHT_PER_WORKER
        killed: tuple[str, int | None] | None = None
        while pending or in_flight or retries.suspects:
            if retries.suspects:
                if not in_flight:  # a suspect runs alone, so a death is unambiguous
                    batch = retries.suspects.popleft()
                    in_flight[self.pool.submit(_run_watched, work.run, batch)] = (batch, True)
            else:
                while pending and len(in_flight) < limit:
                    batch = pending.popleft()
                    in_flight[self.pool.submit(_run_watched, work.run, batch)] = (batch, False)
            seconds = self._limit(work, in_flight)
            finished, _ = wait(in_flight, timeout=None if seconds is None else WATCH_TICK,
                               return_when=FIRST_COMPLETED)
            if killed is None and seconds is not None:  # every turn: other workers may keep finishing batches
                killed = self._kill_overdue(seconds)
            if not finished:
                continue
            broken = False
            for future in finished:
                batch, alone = in_flight.pop(future)
                try:
                    rows = future.result()
                except BrokenProcessPool:
                    broken = True
                    lost = retries.failed(batch, alone, killed)
                    if lost:
                        yield lost
                    continue
                yield rows
            if broken:
                for future, (batch, alone) in list(in_flight.items()):
                    retries.failed(batch, False)
                in_flight.clear()
                killed = None
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._start()

    @staticmethod
    def _limit(work: Work, in_flight: dict) -> float | None:
        """The longest a unit of the running batches may take (``None``: unlimited)."""
        if work.limit is None or not in_flight:
            return None
        limits = [work.limit(batch) for batch, _ in in_flight.values()]
        return None if None in limits else max(limits)

    def _kill_overdue(self, limit: float) -> tuple[str, int | None] | None:
        """Kill the first worker whose unit has run past ``overdue_after(limit)``; its message and party."""
        now = time.monotonic()
        for row in range(self.workers):
            pid, started, party = self.board[row * FIELDS:(row + 1) * FIELDS]
            if pid and started and now - started > overdue_after(limit):
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:  # it ended meanwhile: the pool notices by itself
                    continue
                return (f"session still running after {overdue_after(limit):g} s (wall clock); "
                        "its worker process was killed", None if party < 0 else int(party))
        return None

    def map_chunks(self, fn: Callable, chunks: list[Sequence]) -> list[list]:
        return list(self.pool.map(apply_chunk, [fn] * len(chunks), chunks))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None and not issubclass(kind, Exception):  # Ctrl-C (or an exit): the workers ignore it
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.kill()
        self.close()


def _start_worker(parent: int, board) -> None:
    """A pool worker's set-up: Ctrl-C is left to the parent (which stops the workers, so the user sees one line,
    not a traceback from every worker), the worker ends when the parent is gone, and it takes a free row of the
    board (a pid of 0)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent)
    with board.get_lock():
        row = next(r for r in range(len(board) // FIELDS) if not board[r * FIELDS])
        board[row * FIELDS] = os.getpid()
    _board[:] = [board.get_obj(), row]


class DaskExecutor(Executor):
    """Batches as Dask tasks: ``address`` is a scheduler (``tcp://HOST:8786``) or ``local`` for a LocalCluster
    of ``workers`` single-threaded workers (in-process threads with ``processes=False``)."""

    def __init__(self, address: str, workers: int | None = None, processes: bool = True) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            from accord.extras import install_hint

            raise OptionError("Dask is not installed", parameter="dask",
                              fix=install_hint("distributed")) from None
        self.cluster = None
        try:
            if address == "local":
                self.cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=processes,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=10)
        except (OSError, TimeoutError, ValueError) as error:  # ValueError: an address Dask cannot parse
            if self.cluster is not None:
                self.cluster.close()
            raise OptionError(f"cannot reach the Dask scheduler at {address} ({' '.join(str(error).split())[:160]})",
                              parameter="dask",
                              fix="check the address (tcp://HOST:8786) or use `dask` local") from None
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, work: Work, batches: Iterable) -> Iterator[list]:
        from distributed import as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        pending = deque(batches)
        limit = self.workers * MAX_IN_FLIGHT_PER_WORKER
        running = as_completed()
        owner: dict = {}

        def submit(batch: Any, retried: bool) -> None:
            future = self.client.submit(work.run, batch, pure=False)
            owner[future.key] = (batch, retried)
            running.add(future)

        while pending and len(owner) < limit:
            submit(pending.popleft(), False)
        for future in running:
            batch, retried = owner.pop(future.key)
            try:
                rows = future.result()
            except (KilledWorker, FutureCancelledError):
                if len(parts := work.split(batch)) > 1:
                    for single in parts:
                        submit(single, True)
                elif not retried:
                    submit(batch, True)
                else:
                    yield work.lost(batch, "the Dask worker running this session died")
                continue
            finally:
                future.release()
            yield rows
            while pending and len(owner) < limit:
                submit(pending.popleft(), False)

    def map_chunks(self, fn: Callable, chunks: list[Sequence]) -> list[list]:
        futures = self.client.map(apply_chunk, [fn] * len(chunks), chunks, pure=False)
        return self.client.gather(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def check_workers(workers: int | None) -> None:
    """Refuse a number of workers outside 1..:data:`MAX_WORKERS` (``None``: the executor's default)."""
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise OptionError(f"workers must be 1 to {MAX_WORKERS}, got {workers}", parameter="workers",
                          fix=f"give 1 to {MAX_WORKERS}")


def make_executor(workers: int | None = None, dask: str | None = None, dask_processes: bool = True,
                  killable: bool = False) -> Executor:
    """The executor the options ask for: Dask when ``dask`` is given, a process pool for ``workers`` > 1,
    otherwise serial — or, when ``killable`` (untrusted work under a time limit), a pool of one process, which
    the runner can kill when a unit runs past its limit."""
    check_workers(workers)
    if dask:
        return DaskExecutor(dask, workers, processes=dask_processes)
    if workers and workers > 1:
        return ProcessExecutor(workers)
    if killable:
        return ProcessExecutor(1)
    return SerialExecutor()
