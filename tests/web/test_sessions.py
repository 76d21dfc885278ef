"""Web sessions run in worker processes: a strategy call that never returns ends the session with an
``over-budget`` fault, a worker that ignores the interruption or dies is replaced, and the workers stop with the app.

Every request that could stall runs in a thread with a deadline, and the stalling strategies end after 90 s, so a
regression fails instead of hanging the suite.
"""

from __future__ import annotations

import threading
from pathlib import Path
from importlib import import_module

import pytest

from accord.protocols.watchdog import SIGNAL
from accord.strategies.registry import REGISTERED as REGISTRY
from accord.web.sessions import SessionPool
from tests.web.conftest import FLAGSHIP

pytestmark = pytest.mark.skipif(SIGNAL is None, reason="the watchdog needs SIGURG and pthread_kill (POSIX)")


@pytest.fixture
def stalling():
    """The stalling strategies, registered for this test only."""
    module = import_module("tests.web.stalling")
    REGISTRY.update(module.REGISTERED)
    yield module
    for name in module.NAMES:
        REGISTRY.pop(name, None)


def serve(pool: SessionPool | None = None):
    from fastapi.testclient import TestClient

    from accord.web import create_app

    app = create_app()
    if pool is not None:
        app.state.sessions = pool
    return app, TestClient(app)


def within(client, seconds: float, path: str, body: dict):
    """The response to a POST of ``body`` to ``path``, or a failure if none comes within ``seconds``."""
    out = {}
    thread = threading.Thread(target=lambda: out.update(response=client.post(path, json=body)), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"no answer to {path} {body} within {seconds} s")
    return out["response"]


def answered(client, strategies: list[str], seconds: float = 30.0, rounds: int = 10, path: str = "/api/simulate"):
    """The response to a simulate (or report) request, or a failure if none comes within ``seconds``."""
    body = {"scenario_id": FLAGSHIP, "strategies": strategies, "rounds": rounds}
    return within(client, seconds, path, {**body, "svg": False} if path == "/api/simulate" else body)


def test_call_that_never_returns_ends_with_an_over_budget_fault(stalling):
    app, client = serve()
    with client:
        response = answered(client, ["boulware", "t-web-sleeps"])
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["ended_by"] == "error" and result["breakdown_by"] == "Russia"
        fault = result["fault"]
        assert fault["party"] == 1 and fault["kind"] == "over-budget"
        assert "propose was interrupted after" in fault["message"]
        worker = app.state.sessions.processes()
        assert answered(client, ["boulware", "conceder"]).status_code == 200
        assert app.state.sessions.processes() == worker  # the same worker goes on


def test_worker_that_ignores_the_interruption_is_replaced(stalling):
    app, client = serve(SessionPool(workers=1, cap=3.0))
    with client:
        assert answered(client, ["boulware", "conceder"]).status_code == 200  # started, so the limit is the session's
        [stuck] = app.state.sessions.processes()
        response = answered(client, ["boulware", "t-web-deaf"])
        assert response.status_code == 504
        assert response.json() == {"detail": "simulate: the session ran for more than 3 s and was stopped (a strategy "
                                             "call ignored its interruption); try other strategies"}
        assert not stuck.is_alive()
        assert answered(client, ["boulware", "conceder"]).status_code == 200
        assert app.state.sessions.processes() != [stuck]


def test_a_report_simulates_in_a_worker_under_the_same_time_limit(stalling):
    """POST /api/report ran its simulation in the request thread, where no budget interrupts a call and no time
    limit applies: a stalling strategy held the request, and a server thread, for as long as it stalled."""
    app, client = serve()
    with client:
        response = answered(client, ["boulware", "t-web-sleeps"], path="/api/report")
        assert response.status_code == 200 and "No agreement (ended by error" in response.text  # interrupted
    app, client = serve(SessionPool(workers=1, cap=3.0))
    with client:
        assert answered(client, ["boulware", "conceder"], path="/api/report").status_code == 200  # worker started
        response = answered(client, ["boulware", "t-web-deaf"], path="/api/report")
        assert response.status_code == 504
        assert response.json()["detail"].startswith("simulate: the session ran for more than 3 s and was stopped")


def test_worker_that_dies_is_replaced(stalling):
    app, client = serve(SessionPool(workers=1))
    with client:
        response = answered(client, ["boulware", "t-web-exits"])
        assert response.status_code == 500
        assert response.json()["detail"].startswith("simulate: the session's worker process stopped")
        assert "\n" not in response.json()["detail"]
        assert answered(client, ["boulware", "conceder"]).status_code == 200


def test_unknown_strategy_is_still_one_line(stalling):
    app, client = serve()
    with client:
        response = answered(client, ["t-web-nope", "conceder"])
        assert response.status_code == 400
        assert response.json()["detail"].startswith("body.strategies: unknown strategy 't-web-nope'")


def test_workers_stop_with_the_app():
    app, client = serve()
    with client:
        assert answered(client, ["boulware", "conceder"]).status_code == 200
        workers = app.state.sessions.processes()
        assert workers and all(p.is_alive() for p in workers)
    assert not any(p.is_alive() for p in workers)
    assert app.state.sessions.processes() == []


def test_workers_start_on_first_use():
    app, client = serve()
    with client:
        assert app.state.sessions.processes() == []
        client.get("/api/strategies")
        assert app.state.sessions.processes() == []


def test_time_limit_grows_with_the_session_up_to_the_cap():
    pool = SessionPool(cap=300.0, slack=10.0)
    assert pool.limit(rounds=100, parties=2) == 210.0
    assert pool.limit(rounds=2000, parties=2) == 300.0


def test_worker_is_sent_the_modules_of_strategies_registered_by_import(stalling):
    from accord.web.sessions import _modules_of

    assert _modules_of(["boulware", "t-web-sleeps", "t-web-deaf", "nope"]) == ["tests.web.stalling"]


def test_the_queue_is_bounded_and_each_client_gets_a_share():
    pool = SessionPool(workers=1, most=3, per_client=2)
    app, client = serve(pool)
    pool.held.update({"testclient": 2})  # this client already has two sessions running or waiting
    response = answered(client, ["boulware", "conceder"], seconds=10)
    assert response.status_code == 503
    assert response.json() == {"detail": "simulate: you already have 2 sessions running or waiting; wait for one "
                                         "to finish"}
    pool.held.update({"testclient": 1, "elsewhere": 2})  # the queue is full
    response = answered(client, ["boulware", "conceder"], seconds=10)
    assert response.status_code == 503 and "the server is busy (3 sessions running or waiting)" in response.text
    assert pool.held == {"testclient": 1, "elsewhere": 2} and pool.processes() == []  # nothing was started


@pytest.fixture
def fresh_analyses(monkeypatch):
    """An empty analysis cache, so that each analysis is made again in this test."""
    from accord.web import api
    from accord.web.analysis_cache import BytesCache

    monkeypatch.setattr(api, "ANALYSES", BytesCache())


def analysed(client, scenario_id: str, seconds: float = 120.0):
    """The response to an analyze request, or a failure if none comes within ``seconds``."""
    return within(client, seconds, "/api/analyze", {"scenario_id": scenario_id, "svg": False})


def test_an_exact_search_runs_in_a_worker_and_enumeration_does_not(fresh_analyses):
    app, client = serve(SessionPool(workers=1))
    with client:
        assert analysed(client, FLAGSHIP).status_code == 200
        assert app.state.sessions.processes() == []
        response = analysed(client, "genius:ANAC2014_10issuesDiscountedwithRV")
        assert response.status_code == 200 and response.json()["method"] == "branch-and-bound"
        assert len(app.state.sessions.processes()) == 1


def test_an_exact_search_past_its_time_limit_is_stopped_in_one_line_and_its_worker_replaced(fresh_analyses):
    pool = SessionPool(workers=1)
    app, client = serve(pool)
    with client:
        assert analysed(client, "genius:ANAC2014_10issuesDiscountedwithRV").status_code == 200  # a started worker
        [worker] = pool.processes()
        pool.search_seconds = 0.3  # S-1NAGUNL-128's exact search takes over 1.5 s of CPU
        response = analysed(client, "genius-large:S-1NAGUNL-128")
        assert response.status_code == 504
        assert response.json() == {"detail": "analyze: the exact branch-and-bound search ran for more than 0.3 s and "
                                             "was stopped; analyse this scenario on the command line (accord "
                                             "analyze), which has no time limit"}
        assert not worker.is_alive()
        pool.search_seconds = 60.0
        assert analysed(client, "genius-large:S-1NIKFRT-1").status_code == 200


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the cap needs Linux's /proc")
def test_an_exact_search_past_its_memory_cap_is_refused_in_one_line(fresh_analyses):
    """Out of address space, the search fails with a MemoryError (400) or its worker dies (numpy's BLAS may abort
    the process; 500); either way one line, and the next search runs."""
    pool = SessionPool(workers=1)
    pool.search_memory = 2**20  # 1 MB beyond what the worker maps: the search's first large allocation fails
    app, client = serve(pool)
    with client:
        response = analysed(client, "genius:ANAC2014_10issuesDiscountedwithRV")
        detail = response.json()["detail"]
        assert (response.status_code, detail) in {
            (400, "ANAC2014_10issuesDiscountedwithRV: the exact branch-and-bound search needs more than 1 MB; "
                  "analyse it on the command line (accord analyze)"),
            (500, "analyze: the worker process of the exact branch-and-bound search stopped; try the command line")}
        pool.search_memory = 2 * 1024**3
        assert analysed(client, "genius:ANAC2014_10issuesDiscountedwithRV").status_code == 200
