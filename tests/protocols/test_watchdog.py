"""A strategy call that never returns is interrupted once it has run for its budget: the session ends as an
``over-budget`` breakdown attributed to that party and the program goes on.

Sessions that could hang run in a subprocess with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import accord
from accord.protocols.watchdog import SIGNAL
from accord.simulate import run_session
from accord.strategies import Strategy
from tests.simulate.scenarios import line

pytestmark = pytest.mark.skipif(SIGNAL is None, reason="the watchdog needs SIGURG and pthread_kill (POSIX)")

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
SRC = Path(accord.__file__).resolve().parents[1]

PLUGIN = '''
"""A strategy that stalls in one of its calls (a test plugin)."""

import time

from accord.strategies import Strategy


class Hangs(Strategy):
    """Stalls in ``where`` (propose from its second offer on, respond, vote): ``how`` is sleep, spin, catch
    (sleeps in a loop that catches Exception) or swallow (swallows the first interruption, then spins)."""

    def __init__(self, where: str = "propose", how: str = "sleep") -> None:
        self.where = where
        self.how = how

    def stall(self):
        if self.how == "sleep":
            time.sleep(1000)
        elif self.how == "spin":
            while True:
                pass
        elif self.how == "catch":
            while True:
                try:
                    time.sleep(1000)
                except Exception:
                    pass
        elif self.how == "swallow":
            try:
                time.sleep(1000)
            except BaseException:
                pass
            while True:
                pass
        elif self.how.startswith("nap"):
            time.sleep(float(self.how[3:]))

    def propose(self, state):
        if self.where in ("propose", "both") and state.step >= 2:
            self.stall()
        return self.best

    def respond(self, state, offer):
        if self.where in ("respond", "both"):
            self.stall()
        return False

    def vote(self, state, current, proposal):
        if self.where == "vote":
            self.stall()
        return True
'''

SESSION = '''
import json, signal, sys, time
from accord.io import load
from accord.simulate import run_session
from hang_plugin import Hangs

where, how, protocol, budget, own = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5] == "own"
def mine(signum, frame):
    pass
if own:
    signal.signal(signal.SIGURG, mine)
before = signal.getsignal(signal.SIGURG)
started = time.perf_counter()
result = run_session(load(sys.argv[6]), ["boulware", Hangs(where, how)], protocol=protocol, rounds=int(sys.argv[7]),
                     budget=budget)
print(json.dumps({"fault": result.fault.to_json() if result.fault else None, "ended_by": result.ended_by,
                  "seconds": time.perf_counter() - started, "restored": signal.getsignal(signal.SIGURG) is before,
                  "own": before is mine}))
'''


@pytest.fixture(scope="module")
def plugin(tmp_path_factory) -> Path:
    """A folder with the plugin module and a distribution advertising it under ``accord.strategies``."""
    folder = tmp_path_factory.mktemp("plugin")
    (folder / "hang_plugin.py").write_text(PLUGIN)
    info = folder / "hang_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hang-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[accord.strategies]\nt-hangs = hang_plugin:Hangs\n")
    return folder


def python(plugin: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), str(SRC)])}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)


def session(plugin: Path, where: str, how: str, protocol: str = "sao", budget: float = 0.2,
            own: bool = False, rounds: int = 6) -> dict:
    done = python(plugin, "-c", textwrap.dedent(SESSION), where, how, protocol, str(budget),
                  "own" if own else "default", str(MINI), str(rounds))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_interrupted(document: dict, method: str) -> None:
    assert document["ended_by"] == "error"
    fault = document["fault"]
    assert fault["party"] == 1 and fault["kind"] == "over-budget", fault
    assert f"{method} was interrupted after" in fault["message"] and "(budget 0.2 s)" in fault["message"]
    assert document["seconds"] < 30
    assert document["restored"]


@pytest.mark.parametrize("how", ["sleep", "spin"])
@pytest.mark.parametrize("where", ["propose", "respond"])
def test_sao_call_that_never_returns_is_interrupted(plugin, where, how):
    check_interrupted(session(plugin, where, how), where)


@pytest.mark.parametrize("how", ["sleep", "spin"])
@pytest.mark.parametrize("where", ["vote", "respond"])
def test_single_text_call_that_never_returns_is_interrupted(plugin, where, how):
    check_interrupted(session(plugin, where, how, protocol="single-text"), where)


def test_catching_exception_does_not_stop_the_interruption(plugin):
    check_interrupted(session(plugin, "propose", "catch"), "propose")


def test_swallowing_the_interruption_gets_another_one(plugin):
    check_interrupted(session(plugin, "respond", "swallow"), "respond")


@pytest.mark.parametrize("own", [False, True])
def test_the_programs_signal_handler_is_restored(plugin, own):
    document = session(plugin, "propose", "sleep", own=own)
    check_interrupted(document, "propose")
    assert document["own"] is own


def test_budget_is_per_call_not_per_step(plugin):
    # in its second turn B responds, then proposes: each call well within the budget, together over it
    document = session(plugin, "both", "nap0.6", budget=1.0, rounds=2)
    assert document["fault"] is None and document["ended_by"] != "error"


def test_cli_prints_the_breakdown_and_goes_on(plugin):
    done = python(plugin, "-m", "accord.cli.main", "simulate", str(MINI), "--strategies", "boulware,t-hangs",
                  "--budget", "0.2", "--rounds", "6", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["ended_by"] == "error" and document["breakdown_by"] == "B"
    assert document["fault"]["kind"] == "over-budget"
    assert "propose was interrupted after" in document["fault"]["message"]
    table = python(plugin, "-m", "accord.cli.main", "simulate", str(MINI), "--strategies", "boulware,t-hangs",
                   "--budget", "0.2", "--rounds", "6")
    assert table.returncode == 0, table.stderr
    assert "over-budget" in table.stdout and "interrupted" in table.stdout


# -- in process: nothing here can hang ---------------------------------------------------------------------------
class Interrupts(Strategy):
    """Presses Ctrl-C (sends SIGINT to its own process) in its first proposal."""

    def propose(self, state):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        return self.best

    def respond(self, state, offer):
        return False


class Naps(Strategy):
    def propose(self, state):
        time.sleep(0.5)  # far past the budget of its test, which is far past any call of boulware's
        return self.best

    def respond(self, state, offer):
        return False


def test_ctrl_c_still_stops_the_program():
    before = signal.getsignal(signal.SIGURG)
    with pytest.raises(KeyboardInterrupt):
        run_session(line(), [Interrupts(), "boulware"], rounds=10)
    assert signal.getsignal(signal.SIGURG) == before


def test_outside_the_main_thread_the_late_call_is_still_a_fault():
    results = []
    worker = threading.Thread(target=lambda: results.append(
        run_session(line(), ["boulware", Naps()], rounds=10, budget=0.2)))
    worker.start()
    worker.join(60)
    fault = results[0].fault
    assert fault.party == 1 and fault.kind == "over-budget" and "propose took" in fault.message


def test_a_normal_session_leaves_no_handler_behind():
    before = signal.getsignal(signal.SIGURG)
    result = run_session(line(), ["boulware", "conceder"], rounds=20)
    assert result.fault is None
    assert signal.getsignal(signal.SIGURG) == before


class _Stop(BaseException):
    """Stands for a tournament guard's interruption."""


def test_an_exception_leaving_a_call_is_blamed_on_the_caller_and_an_idle_session_blames_nobody():
    from accord.protocols.watchdog import IDLE, blamed, watching

    with pytest.raises(_Stop) as during_call:
        with watching(1.0) as clock:
            clock[0], clock[1] = time.perf_counter(), 2
            raise _Stop()
    assert blamed(during_call.value) == 2
    with pytest.raises(_Stop) as between_calls:
        with watching(1.0) as clock:
            clock[0], clock[1] = IDLE, 2
            raise _Stop()
    assert blamed(between_calls.value) is None


def test_the_outermost_session_is_blamed_when_sessions_nest():
    from accord.protocols.watchdog import blamed, watching

    with pytest.raises(_Stop) as caught:
        with watching(1.0) as outer:
            outer[0], outer[1] = time.perf_counter(), 0  # party 0's strategy runs a session of its own
            with watching(1.0) as inner:
                inner[0], inner[1] = time.perf_counter(), 1
                raise _Stop()
    assert blamed(caught.value) == 0


def test_blame_works_in_threads_where_no_signal_can_be_armed():
    from accord.protocols.watchdog import blamed, watching

    found = []

    def session():
        try:
            with watching(1.0) as clock:
                clock[0], clock[1] = time.perf_counter(), 1
                raise _Stop()
        except _Stop as error:
            found.append(blamed(error))

    thread = threading.Thread(target=session)
    thread.start()
    thread.join()
    assert found == [1]


def test_a_guard_stopping_a_setup_call_blames_its_party():
    from accord.protocols.watchdog import blamed

    class SetupStops(Strategy):
        def setup(self, view):
            raise _Stop()

        def propose(self, state):  # pragma: no cover - never reached
            return 0

        def respond(self, state, offer):  # pragma: no cover - never reached
            return False

    with pytest.raises(_Stop) as caught:
        run_session(line(), ["boulware", SetupStops()], rounds=10)
    assert blamed(caught.value) == 1
