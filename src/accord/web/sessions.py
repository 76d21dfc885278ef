"""Simulation sessions (and exact analyses beyond enumeration) for the workbench, run in worker processes.

A session run on a server thread cannot be interrupted: the watchdog (:mod:`accord.protocols.watchdog`) signals
the main thread only. So ``/api/simulate`` hands each session to a :class:`SessionPool`: a few single-process
pools (``forkserver``, or ``spawn`` where there is none; never ``fork``, since the server runs threads), created
on first use and closed with the app. There the session runs in the worker's main thread, and a strategy call
that never returns ends the session with an ``over-budget`` fault like on the command line.

What the watchdog cannot stop — a call stuck in C code that ignores signals, or a ``setup`` that never returns —
runs into an outer time limit of ``slack + rounds × parties × budget`` seconds (at most ``cap``); the request then
gets :class:`SessionFailed` and the worker is killed and replaced. A worker that dies (a strategy that exits
the process, a crash) is replaced too. Each request holds one worker, so replacing it disturbs no other session.

The queue is bounded: at most ``MAX_SESSIONS`` sessions run or wait at once, and one client (one address) at most
``MAX_SESSIONS_PER_CLIENT`` of them, so a client with hanging sessions cannot take every place; a request beyond
either answers 503 at once.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from importlib import import_module

from accord.errors import AccordError, InputError
from accord.parent_watch import exit_with_parent

BUDGET = 1.0
"""Seconds a strategy call may run in a workbench session (as for ``accord simulate``)."""
STARTUP_SECONDS = 120
"""How long a new worker process may take to start (imports included) before a request gives up on it."""
SEARCH_SECONDS = 60.0
"""Seconds an exact analysis beyond enumeration may run in the workbench (the command line has no limit)."""
SEARCH_MEMORY_BYTES = 2 * 1024**3
"""Address space an exact analysis beyond enumeration may add to its worker process (Linux)."""
MAX_SESSIONS = 8
"""Sessions running or waiting at once; one more is refused with 503."""
MAX_SESSIONS_PER_CLIENT = 2
"""Sessions one client (one address) may have running or waiting at once: its fair share of the queue."""


class SessionFailed(AccordError):
    """A session's worker ran out of time or died; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Slot:
    """One worker process (as a one-process pool), created when a request first needs it."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.ready = False  # its process has started and imported Accord


class SessionPool:
    """``workers`` worker processes running one session at a time each; a request waits for a free one."""

    def __init__(self, workers: int = 2, cap: float = 300.0, slack: float = 10.0, most: int = MAX_SESSIONS,
                 per_client: int = MAX_SESSIONS_PER_CLIENT) -> None:
        self.cap, self.slack = cap, slack
        self.search_seconds, self.search_memory = SEARCH_SECONDS, SEARCH_MEMORY_BYTES
        self.most, self.per_client = most, per_client
        self.held: dict[str, int] = {}  # sessions running or waiting, by client
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.slots = [_Slot() for _ in range(workers)]
        self.free: queue.LifoQueue[_Slot] = queue.LifoQueue()  # the warmest worker first
        for slot in self.slots:
            self.free.put(slot)
        self.lock = threading.Lock()
        self.closed = False

    def limit(self, rounds: int, parties: int) -> float:
        """The outer time limit of a session, in seconds."""
        return min(self.cap, self.slack + rounds * parties * BUDGET)

    def run(self, scenario, strategies: list[str], protocol: str, rounds: int, seed: int, client: str = "",
            keep: bool = False) -> dict:
        """Run one session in a worker: ``{"result": <result JSON with trace>, "paths": <offer paths>}`` (with
        ``keep``: ``{"session": <the SessionResult>}``, which the report renders).

        Raises :class:`~accord.errors.InputError` for bad options (as :func:`accord.simulate.run_session` does)
        and :class:`SessionFailed` when the worker runs out of time or dies, or (503) when the queue is full or
        ``client`` already holds its share of it."""
        modules = _modules_of(strategies)
        seconds = self.limit(rounds, len(scenario.parties))
        stopped = (f"simulate: the session ran for more than {seconds:g} s and was stopped (a strategy call ignored "
                   "its interruption); try other strategies")
        died = ("simulate: the session's worker process stopped (a strategy may have exited or crashed it); try "
                "other strategies")
        args = (scenario, strategies, protocol, rounds, seed, modules, keep)
        return self._held(client, "simulate", lambda: self._run_queued("simulate", _session, args, seconds, stopped,
                                                                        died))

    def analyze(self, scenario, method: str, client: str = ""):
        """The exact analysis of ``scenario`` by a search ``method`` (beyond enumeration), in a worker: its time
        is bounded by ``search_seconds`` (then 504) and its address space by ``search_memory`` bytes (then 400),
        each said in one line; it takes a place in the queue like a session."""
        seconds, memory = self.search_seconds, self.search_memory
        stopped = (f"analyze: the exact {method} search ran for more than {seconds:g} s and was stopped; analyse "
                   "this scenario on the command line (accord analyze), which has no time limit")
        died = f"analyze: the worker process of the exact {method} search stopped; try the command line"
        answer = self._held(client, "analyze", lambda: self._run_queued(
            "analyze", _search, (scenario, method, memory), seconds, stopped, died))
        return answer["analysis"]

    def _held(self, client: str, what: str, work):
        """``work()`` while ``client`` holds a place in the queue."""
        self._enter(client, what)
        try:
            return work()
        finally:
            with self.lock:
                self.held[client] -= 1
                if not self.held[client]:
                    del self.held[client]

    def _enter(self, client: str, what: str) -> None:
        """Take a place in the queue for ``client``, or refuse with 503 when there is none."""
        with self.lock:
            if sum(self.held.values()) >= self.most:
                raise SessionFailed(f"{what}: the server is busy ({self.most} sessions running or waiting); "
                                    "try again in a minute", 503)
            if self.held.get(client, 0) >= self.per_client:
                raise SessionFailed(f"{what}: you already have {self.per_client} sessions running or waiting; "
                                    "wait for one to finish", 503)
            self.held[client] = self.held.get(client, 0) + 1

    def _run_queued(self, what: str, job, args: tuple, seconds: float, stopped: str, died: str) -> dict:
        """``job(*args)`` in a free worker; past ``seconds`` the worker is killed (504, ``stopped``), and a worker
        that dies is replaced (500, ``died``)."""
        try:
            slot = self.free.get(timeout=self.cap)
        except queue.Empty:
            raise SessionFailed(f"{what}: no worker came free in time; try again later", 503) from None
        try:
            executor = self._executor(slot, what)
            self._start_worker(slot, executor, what)
            future = executor.submit(job, *args)
            try:
                answer = future.result(timeout=seconds)
            except TimeoutError:
                self._replace(slot)
                raise SessionFailed(stopped, 504) from None
            except BrokenProcessPool:
                self._replace(slot)
                raise SessionFailed(died, 500) from None
        finally:
            self.free.put(slot)
        if "error" in answer:
            raise answer["error"]
        return answer

    def processes(self) -> list:
        """The worker processes running now (``multiprocessing`` process objects)."""
        with self.lock:
            return [p for slot in self.slots if slot.executor is not None for p in _processes(slot.executor)]

    def close(self, grace: float = 5.0) -> None:
        """Stop every worker: idle ones exit at once, one still busy after ``grace`` seconds is killed."""
        with self.lock:
            self.closed = True
            running = []
            for slot in self.slots:
                if slot.executor is not None:
                    running += _processes(slot.executor)
                    slot.executor.shutdown(wait=False, cancel_futures=True)
                    slot.executor = None
        for process in running:
            process.join(grace)
            if process.is_alive():
                process.kill()
                process.join()

    def _executor(self, slot: _Slot, what: str = "simulate") -> ProcessPoolExecutor:
        with self.lock:
            if self.closed:
                raise SessionFailed(f"{what}: the server is shutting down", 503)
            if slot.executor is None:
                slot.executor = ProcessPoolExecutor(1, mp_context=self.context, initializer=_start,
                                                    initargs=(list(sys.path), os.getpid()))
            return slot.executor

    def _start_worker(self, slot: _Slot, executor: ProcessPoolExecutor, what: str = "simulate") -> None:
        """Wait for a new worker to start, so that its start-up (seconds on a busy machine) does not count against
        the session's time limit."""
        if slot.ready:
            return
        try:
            executor.submit(os.getpid).result(timeout=STARTUP_SECONDS)
        except (TimeoutError, BrokenProcessPool):
            self._replace(slot)
            raise SessionFailed(f"{what}: no worker process started within {STARTUP_SECONDS} s; the machine may be "
                                "overloaded, try again", 503) from None
        slot.ready = True

    def _replace(self, slot: _Slot) -> None:
        """Kill the slot's worker; the next request to use the slot starts a new one."""
        with self.lock:
            executor, slot.executor, slot.ready = slot.executor, None, False
        if executor is None:
            return
        doomed = _processes(executor)
        for process in doomed:
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in doomed:
            process.join(5)


def _processes(executor: ProcessPoolExecutor) -> list:
    # the standard library offers no public way to reach (or kill) an executor's processes before Python 3.14
    return list((getattr(executor, "_processes", None) or {}).values())


def _modules_of(strategies: list[str]) -> list[str]:
    """The modules defining the requested strategies that were registered in this process with ``register`` (not
    built in, not entry-point plugins, which a worker finds itself): the worker imports them, and they register
    their strategies again there."""
    from accord.strategies import registry

    known = registry()
    modules = []
    for name in strategies:
        info = known.get(str(name).strip())
        if info is None or ":" in info.source:  # unknown, or an entry point ("module:attribute")
            continue
        module = info.cls.__module__
        if module != "__main__" and not module.startswith("accord.") and module not in modules:
            modules.append(module)
    return modules


# -- in the worker process -----------------------------------------------------------------------------------------
def _start(path: list[str], server: int) -> None:
    """Worker set-up: the server's import path (for strategies registered there), Ctrl-C left to the server, and
    an exit when the server is gone."""
    sys.path[:0] = [p for p in path if p not in sys.path]
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(server)
    import accord.simulate  # noqa: F401 - paid once per worker, not by its first request
    import accord.strategies.builtin  # noqa: F401
    # the exact searches' modules, loaded before a search caps the address space (a module mapped under it can fail)
    import numpy.random  # noqa: F401

    import accord.analysis.beyond_enumeration  # noqa: F401


def _session(scenario, strategies: list[str], protocol: str, rounds: int, seed: int, modules: list[str],
             keep: bool = False) -> dict:
    from accord.reports.plot_data import offer_paths
    from accord.simulate import run_session

    for module in modules:
        try:
            import_module(module)
        except Exception:  # noqa: BLE001 - the session then reports the strategy as unknown
            pass
    try:
        result = run_session(scenario, strategies, protocol=protocol, rounds=rounds, seed=seed, budget=BUDGET)
    except InputError as error:
        return {"error": error}  # pickled with its parameter, which the API names as a field of the body
    if keep:
        return {"session": result}
    return {"result": result.to_json(trace=True), "paths": offer_paths(result)}


def _search(scenario, method: str, memory: int) -> dict:
    """The exact analysis by ``method``, its address space capped at ``memory`` bytes beyond what this worker
    already maps (where the system says how much that is)."""
    import resource

    import accord

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = _mapped_bytes()
    if mapped is not None:
        cap = mapped + memory
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    try:
        return {"analysis": accord.analyze(scenario, method)}
    except InputError as error:
        return {"error": error}
    except (MemoryError, ImportError):  # under the cap, a module that still loads late cannot be mapped either
        return {"error": InputError(f"the exact {method} search needs more than {memory / 2**20:,.0f} MB",
                                    source=scenario.name, fix="analyse it on the command line (accord analyze)")}
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _mapped_bytes() -> int | None:
    """The address space this process maps now (Linux), or ``None`` where the system does not say."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None
