"""Executors: where units of work run. One small interface, three implementations; tournaments and the
forecast's Monte Carlo both use them.

``executor.map(work, batches)`` yields ``work.run(batch)`` for each batch as it finishes (in any order);
``executor.workers`` says how many batches run at once. ``executor.map_plain(fn, items)`` runs any picklable
top-level function over plain items on the same workers, in chunks, results in order (the forecast's Monte Carlo
uses it). ``SerialExecutor`` runs them in this process, ``ProcessExecutor`` in a local process pool,
``DaskExecutor`` on a Dask cluster (an existing scheduler, or a LocalCluster it starts).

A worker process that dies takes its batches with it; they are run again. A batch that keeps killing workers is
run alone, then ``work.split`` into single units; a unit that kills its worker on its own gives ``work.lost``
(a tournament records its session as ``worker-died``) instead of being retried for ever.

A unit may also never end (a strategy that swallows every exception in a loop, or blocks the signals its guard
uses). When ``work.limit(batch)`` gives the seconds a unit may run, each pool worker shows on a shared board
(:mod:`accord.kill_board`) which batch it runs, which of its units, since when, and whose fault it would be; the
parent kills a worker whose unit ran past the limit plus a slack, records that unit at once as ``work.hung`` and
runs the batch's other units again (the batches of the pool's other workers, which die with the pool, too).

A Dask task cannot be killed, so on Dask a batch under a limit runs in a one-process pool that belongs to the
worker thread running the task (:func:`run_killable`): the same kill path, and the same results, as a local pool.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from accord.errors import OptionError
from accord.kill_board import Killed, kill_overdue, new_board, run_watched, take_row
from accord.kill_board import in_pool_worker, unit_blames, unit_started  # noqa: F401 - the work calls them from here
from accord.parent_watch import exit_with_parent

MAX_IN_FLIGHT_PER_WORKER = 2
MAX_WORKERS = 64
"""The most local worker processes (or local Dask workers) a run may ask for."""
CHUNKS_PER_WORKER = 4
WATCH_TICK = 0.1
"""Seconds between the parent's looks at the board while units run under a limit."""


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
    party the worker last reported (:func:`~accord.kill_board.unit_blames`) or ``None``."""


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


_starting = threading.Lock()  # one pool starts at a time in a process (the daemon flag is the process's)


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Dask worker) start a pool. ``multiprocessing`` refuses, because a daemon
    cannot wait for its children when it ends; a pool's workers end with the process that started them by
    themselves (:func:`~accord.parent_watch.exit_with_parent`), so none is left behind."""
    with _starting:
        config = multiprocessing.current_process()._config
        daemon = config.pop("daemon", None)
        try:
            yield
        finally:
            if daemon is not None:
                config["daemon"] = daemon


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
        self.board = new_board(self.context, self.workers)
        with _children_allowed():
            pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.context,
                                       initializer=_start_worker, initargs=(os.getpid(), self.board))
            wait([pool.submit(int) for _ in range(self.workers)])  # start every worker now, before other threads
        return pool

    def map(self, work: Work, batches: Iterable) -> Iterator[list]:
        pending = deque(batches)
        retries = _Retries(work)
        in_flight: dict = {}  # future -> (ticket, batch, alone)
        tickets = itertools.count(1)
        limit = self.workers * MAX_IN_FLIGHT_PER_WORKER
        killed: Killed | None = None

        def submit(batch: Any, alone: bool) -> None:
            ticket = next(tickets)
            in_flight[self.pool.submit(run_watched, work.run, batch, ticket)] = (ticket, batch, alone)

        while pending or in_flight or retries.suspects:
            if retries.suspects:
                if not in_flight:  # a suspect runs alone, so a death is unambiguous
                    submit(retries.suspects.popleft(), True)
            else:
                while pending and len(in_flight) < limit:
                    submit(pending.popleft(), False)
            seconds = self._limit(work, in_flight)
            finished, _ = wait(in_flight, timeout=None if seconds is None else WATCH_TICK,
                               return_when=FIRST_COMPLETED)
            if killed is None and seconds is not None:  # every turn: other workers may keep finishing batches
                killed = kill_overdue(self.board, seconds)
            broken = []
            for future in finished:
                ticket, batch, alone = in_flight.pop(future)
                try:
                    rows = future.result()
                except BrokenProcessPool:
                    broken.append((ticket, batch, alone))
                    continue
                yield rows
            if not broken:
                continue
            broken += [(ticket, batch, False) for ticket, batch, _ in in_flight.values()]  # they die with the pool
            in_flight.clear()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            if killed is None:
                for ticket, batch, alone in broken:
                    if lost := retries.failed(batch, alone):
                        yield lost
            else:
                for ticket, batch, alone in reversed(broken):
                    if ticket != killed.ticket:  # not theirs: the pool went down with the killed worker
                        (retries.suspects if alone else pending).appendleft(batch)
                    elif hung := self._hung(work, batch, alone, killed, pending, retries):
                        yield hung
                killed = None

    @staticmethod
    def _hung(work: Work, batch: Any, alone: bool, killed: Killed, pending: deque, retries: _Retries) -> list | None:
        """The results of the unit of ``batch`` that was killed for running past its limit; the batch's other
        units go back to ``pending``. Work that does not show its units' places gives the batch to ``retries``
        (run alone, then unit by unit, until the unit is killed on its own)."""
        parts = work.split(batch)
        if work.hung is None or not 0 <= killed.place < len(parts):
            return retries.failed(batch, alone, (killed.message, killed.party))
        pending.extendleft(reversed(parts[:killed.place] + parts[killed.place + 1:]))
        return work.hung(parts[killed.place], killed.message, killed.party)

    @staticmethod
    def _limit(work: Work, in_flight: dict) -> float | None:
        """The longest a unit of the running batches may take (``None``: unlimited)."""
        if work.limit is None or not in_flight:
            return None
        limits = [work.limit(batch) for _, batch, _ in in_flight.values()]
        return None if None in limits else max(limits)

    def map_chunks(self, fn: Callable, chunks: list[Sequence]) -> list[list]:
        return list(self.pool.map(apply_chunk, [fn] * len(chunks), chunks))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None and not issubclass(kind, Exception):  # Ctrl-C (or an exit): the workers ignore it
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.kill()
        self.close()


_killable: dict[int, ProcessExecutor] = {}  # in a Dask worker: each thread's one-process pool


def run_killable(work: Work, batch: Any) -> list:
    """``work.run(batch)`` in a one-process pool of the calling thread's own (started on first use, kept for the
    next batches), so that a unit running past ``work.limit`` is killed and recorded as ``work.hung`` exactly as in
    a local pool: a Dask task runs in a worker's thread, which nothing can stop."""
    thread = threading.get_ident()
    if (pool := _killable.get(thread)) is None:
        pool = _killable[thread] = ProcessExecutor(1)
    return [result for results in pool.map(work, [batch]) for result in results]


def close_killable() -> None:
    """Stop the pools :func:`run_killable` started in this process."""
    while _killable:
        _killable.popitem()[1].close()


def _start_worker(parent: int, board) -> None:
    """A pool worker's set-up: Ctrl-C is left to the parent (which stops the workers, so the user sees one line,
    not a traceback from every worker), the worker ends when the parent is gone, and it takes a free row of the
    board (a pid of 0)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent)
    take_row(board)


class DaskExecutor(Executor):
    """Batches as Dask tasks: ``address`` is a scheduler (``tcp://HOST:8786``) or ``local`` for a LocalCluster
    of ``workers`` single-threaded workers (in-process threads with ``processes=False``). A batch under a limit
    runs through :func:`run_killable`; closing stops the pools it started on the workers."""

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
            if work.limit is not None and work.limit(batch) is not None:
                future = self.client.submit(run_killable, work, batch, pure=False)
            else:
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
        try:
            self.client.run(close_killable)
        except Exception:  # noqa: BLE001 - a worker already gone has no pools left to stop
            pass
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
