"""Worker processes end with their parent: every pool Accord starts, its parent killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from accord.parent_watch import ORPHAN_EXIT_CODE, running

GONE_WITHIN = 5.0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process semantics")


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, left unreaped by a container's init, counts as gone)."""
    return running(pid)


def python(code: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, text=True, **kwargs)


def worker_pids_then_kill(code: str, settle: float = 0.0) -> list[int]:
    """Run ``code`` as a parent that prints its workers' pids on one line; SIGKILL it; return the pids."""
    parent = python(code, stdout=subprocess.PIPE)
    try:
        line = parent.stdout.readline()  # the script prints at once or fails (then the line is empty)
        pids = [int(word) for word in line.split()]
        assert pids, "the parent script printed no worker pids"
        assert all(alive(pid) for pid in pids)
        time.sleep(settle)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        parent.stdout.close()
    return pids


def still_alive_after(pids: list[int], seconds: float = GONE_WITHIN) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [pid for pid in pids if alive(pid)]
        if not left:
            return []
        time.sleep(0.1)
    left = [pid for pid in pids if alive(pid)]
    for pid in left:  # leave nothing behind when the test fails
        os.kill(pid, signal.SIGKILL)
    return left


def test_a_watched_process_exits_when_the_process_it_watches_is_gone():
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True, timeout=30)
    done = python(f"""
        import time
        from accord.parent_watch import exit_with_parent
        exit_with_parent({gone.stdout.strip()}, poll=0.05)  # as if the pool's owner had died before the watch began
        time.sleep(30)
    """)
    assert done.wait(timeout=GONE_WITHIN) == ORPHAN_EXIT_CODE


def test_running_tells_a_live_process_from_a_reaped_one():
    child = python("import time; time.sleep(30)")
    assert running(os.getpid()) and running(child.pid)
    child.kill()
    child.wait(timeout=30)
    assert not running(child.pid)


def test_a_watched_process_keeps_running_while_its_parent_lives():
    done = python("""
        import time
        from accord.parent_watch import exit_with_parent
        exit_with_parent(poll=0.05)
        time.sleep(0.5)
        print("still here")
    """, stdout=subprocess.PIPE)
    out, _ = done.communicate(timeout=30)
    assert (done.returncode, out.strip()) == (0, "still here")


def test_idle_tournament_workers_end_with_their_parent():
    pids = worker_pids_then_kill("""
        import time
        from accord.executors import ProcessExecutor
        executor = ProcessExecutor(2)
        print(*[p.pid for p in executor.pool._processes.values()], flush=True)
        time.sleep(60)
    """)
    assert len(pids) == 2
    assert still_alive_after(pids) == []


def test_busy_monte_carlo_workers_end_with_their_parent():
    pids = worker_pids_then_kill("""
        from accord.forecast import ModelConfig, load_stakeholders, monte_carlo
        from accord.executors import make_executor
        group = load_stakeholders("japan-russia-2019")[0]
        with make_executor(2) as executor:
            print(*[p.pid for p in executor.pool._processes.values()], flush=True)
            monte_carlo(group, ModelConfig(model="eu", rounds=50), runs=100_000, seed=1, map_fn=executor.map_plain)
    """, settle=1.0)  # killed while the workers compute
    assert len(pids) == 2
    assert still_alive_after(pids) == []


def test_workbench_session_workers_end_with_the_server():
    pids = worker_pids_then_kill("""
        import os, time
        from multiprocessing import forkserver, resource_tracker
        from accord.web.sessions import SessionPool
        pool = SessionPool(workers=2)
        workers = [pool._executor(slot).submit(os.getpid).result() for slot in pool.slots]
        helpers = [forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid]  # or None
        print(*workers, *[pid for pid in helpers if pid], flush=True)
        time.sleep(60)
    """)
    assert len(pids) >= 2
    assert still_alive_after(pids) == []


def test_dask_local_cluster_workers_end_with_their_parent():
    pytest.importorskip("distributed")
    pids = worker_pids_then_kill("""
        import os, time
        from accord.executors import DaskExecutor
        if __name__ == "__main__":
            executor = DaskExecutor("local", 2)  # Dask's own worker processes watch the pipe to their parent
            print(*executor.client.run(os.getpid).values(), flush=True)
            time.sleep(60)
    """)
    assert len(pids) == 2
    assert still_alive_after(pids) == []
