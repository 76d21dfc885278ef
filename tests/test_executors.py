"""Serial, process-pool and Dask runs give identical results; a dead worker's units are run again."""

from __future__ import annotations

import os
import signal
import time

import pytest

from accord.executors import DaskExecutor, ProcessExecutor, SerialExecutor, Work, make_executor, unit_blames, unit_started
from accord.tournament import Store, plan, run

from tests.tournament.conftest import DiesOnce, Kills, comparable, laptop, mini  # noqa: F401 - fixtures

DEADLY = 13


def squares(unit: tuple[int, ...]) -> list:
    """Toy work: the squares of a unit's numbers; the number 13 kills the worker running it."""
    if DEADLY in unit and os.getpid() != PARENT:
        os._exit(1)
    return [x * x for x in unit]


def singles(unit: tuple[int, ...]) -> list[tuple[int, ...]]:
    return [(x,) for x in unit]


def lost(unit: tuple[int, ...], message: str) -> list:
    return [("lost", unit[0], message)]


PARENT = os.getpid()
TOY = Work(run=squares, split=singles, lost=lost)
STUCK = 99


ATTEMPTS = "ACCORD_TEST_ATTEMPTS"
"""The environment variable naming the file where the stuck unit notes each attempt to run it (set before any
worker starts, so spawned Dask workers see it too)."""


def stuck_squares(unit: tuple[int, ...]) -> list:
    """Toy work under a limit: each number shows its start on the board; 99 notes the attempt, blocks every
    signal it can and sleeps (two minutes at most, so a broken executor fails the test instead of hanging it)."""
    out = []
    for x in unit:
        unit_started()
        if x == STUCK:
            with open(os.environ.get(ATTEMPTS, os.devnull), "a") as attempts:
                attempts.write(f"{os.getpid()}\n")
            unit_blames(7)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM, signal.SIGURG})
            time.sleep(120)
        out.append(x * x)
    return out


def hung(unit: tuple[int, ...], message: str, party: int | None) -> list:
    return [("hung", unit[0], message, party)]


def limit(unit: tuple[int, ...]) -> float:
    return 0.2


STUCK_TOY = Work(run=stuck_squares, split=singles, lost=lost, limit=limit, hung=hung)


def test_serial_map_runs_every_batch_in_order():
    assert list(SerialExecutor().map(TOY, [(1, 2), (3,)])) == [[1, 4], [9]]


def test_a_unit_that_kills_its_worker_is_split_out_and_lost_alone():
    with ProcessExecutor(2) as pool:
        results = [r for rows in pool.map(TOY, [(1, 2), (3, DEADLY), (4,)]) for r in rows]
    died = [r for r in results if isinstance(r, tuple)]
    assert sorted(r for r in results if not isinstance(r, tuple)) == [1, 4, 9, 16]
    assert len(died) == 1 and died[0][:2] == ("lost", DEADLY) and "died" in died[0][2]


def stuck_results(executor, attempts) -> list:
    """The toy results of batches with one stuck unit in the middle of one, checked; each stuck unit ran once."""
    with executor as pool:
        results = [r for rows in pool.map(STUCK_TOY, [(1, 2), (3, STUCK, 5), (4,), (6, 7)]) for r in rows]
    stuck = [r for r in results if isinstance(r, tuple)]
    assert sorted(r for r in results if not isinstance(r, tuple)) == [1, 4, 9, 16, 25, 36, 49]
    assert len(stuck) == 1 and stuck[0][:2] == ("hung", STUCK) and stuck[0][3] == 7 and "killed" in stuck[0][2]
    assert len(attempts.read_text().split()) == 1, "the stuck unit was run (and killed) more than once"
    return stuck


@pytest.fixture
def attempts(tmp_path, monkeypatch):
    path = tmp_path / "attempts"
    path.touch()
    monkeypatch.setenv(ATTEMPTS, str(path))
    return path


def test_a_unit_past_its_limit_is_killed_once_and_recorded_at_once(attempts):
    """Issue 11: the stuck unit's batch was run again alone, then unit by unit: three kills (three timeouts)
    before it was recorded. The board says which unit of which batch ran, so one kill is enough."""
    stuck_results(ProcessExecutor(2), attempts)


@pytest.mark.parametrize("processes", [False, True])  # Dask workers as threads, and as (daemonic) processes
def test_a_unit_past_its_limit_on_dask_is_killed_and_recorded_as_in_a_pool(attempts, processes):
    """Issue 11 §15: a Dask task cannot be stopped, so a unit that defeated every guard hung its task for ever."""
    pytest.importorskip("distributed")
    on_dask = stuck_results(DaskExecutor("local", 2, processes=processes), attempts)
    attempts.write_text("")
    assert on_dask == stuck_results(ProcessExecutor(2), attempts)


@pytest.mark.parametrize("workers", [1, 2])
def test_map_plain_keeps_the_order_of_items(workers):
    with make_executor(workers) as executor:
        assert executor.map_plain(abs, range(-20, 5)) == [abs(x) for x in range(-20, 5)]

STRATEGIES = ["linear", "boulware", "conceder", "tit-for-tat", "random"]


def run_rows(tournament, executor, size=None) -> list[dict]:
    with Store(":memory:") as store, executor:
        assert run(tournament, store, executor, size=size) == len(tournament)
        return store.rows()


@pytest.fixture(scope="module")
def tournament(mini, laptop):
    return plan([mini, laptop], STRATEGIES, repetitions=2, seed=3, self_play=True)


@pytest.fixture(scope="module")
def serial_rows(tournament):
    return comparable(run_rows(tournament, SerialExecutor()))


def test_serial_rows_are_complete_and_reproducible(tournament, serial_rows):
    assert [row["idx"] for row in serial_rows] == list(range(len(tournament)))
    assert [row["seed"] for row in serial_rows] == [t.seed for t in tournament.tasks]
    assert serial_rows == comparable(run_rows(tournament, SerialExecutor(), size=7))


def test_process_pool_gives_identical_rows(tournament, serial_rows):
    assert comparable(run_rows(tournament, ProcessExecutor(2), size=9)) == serial_rows


def test_dask_local_cluster_gives_identical_rows(tournament, serial_rows):
    pytest.importorskip("distributed")
    assert comparable(run_rows(tournament, DaskExecutor("local", 2, processes=False), size=11)) == serial_rows


def test_a_dead_workers_sessions_are_rerun(mini, tmp_path):
    marker = tmp_path / "died"
    dies = DiesOnce(marker=str(marker))
    tournament = plan([mini], ["boulware", "conceder", dies], repetitions=2, seed=5)
    rows = run_rows(tournament, ProcessExecutor(2), size=2)
    assert marker.exists(), "the strategy never killed its worker, so nothing was tested"
    assert not any(row["fault_kind"] for row in rows)
    assert comparable(rows) == comparable(run_rows(tournament, SerialExecutor()))  # marker exists: no death now


def test_a_session_that_always_kills_its_worker_is_lost_not_retried_forever(mini):
    tournament = plan([mini], ["boulware", "conceder", Kills()], seed=5)
    rows = run_rows(tournament, ProcessExecutor(2), size=3)
    lost = [row for row in rows if row["fault_kind"] == "worker-died"]
    assert {row["key"] for row in lost} == {row["key"] for row in rows if "t-kills" in row["strategies"]}
    assert len(lost) == 4
    assert all(row["agreement"] == 0 for row in lost)
    fine = [row for row in rows if "t-kills" not in row["strategies"]]
    assert len(fine) == 2 and not any(row["fault_kind"] for row in fine)


def test_make_executor_chooses_by_options():
    assert isinstance(make_executor(), SerialExecutor)
    assert isinstance(make_executor(1), SerialExecutor)
    with make_executor(2) as pool:
        assert isinstance(pool, ProcessExecutor) and pool.workers == 2
    with make_executor(killable=True) as pool:  # untrusted work under a limit: one process the runner can kill
        assert isinstance(pool, ProcessExecutor) and pool.workers == 1


@pytest.mark.parametrize("workers, dask", [(0, None), (65, None), (500, "local")])
def test_workers_are_bounded_before_any_process_starts(workers, dask):
    from accord.errors import OptionError

    with pytest.raises(OptionError, match="workers must be 1 to 64") as error:
        make_executor(workers, dask)
    assert error.value.parameter == "workers"
