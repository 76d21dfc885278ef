"""The store: only complete sessions, never twice; resuming skips what is stored — also after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import OptionError
from accord.tournament import SerialExecutor, SessionRow, Store, plan, run
from accord.tournament.store import open_existing

from tests.tournament.conftest import MINI, comparable

STRATEGIES = ["linear", "boulware", "conceder", "tit-for-tat"]
REPO = Path(__file__).resolve().parents[2]


def test_rows_are_stored_once_and_a_rerun_runs_nothing(mini, tmp_path):
    tournament = plan([mini], STRATEGIES, repetitions=2)
    with Store(tmp_path / "t.db") as store:
        assert run(tournament, store) == len(tournament)
        rows = store.rows()
        assert store.add([]) == 0
    with Store(tmp_path / "t.db") as store:
        assert run(tournament, store) == 0
        again = store.db.execute("SELECT * FROM sessions").fetchall()
        assert store.add([SessionRow.from_sql(values) for values in again]) == 0  # ignored, not counted twice
        assert store.count() == len(tournament) == store.planned()
        assert store.rows() == rows


def test_resume_runs_only_the_missing_sessions(mini, tmp_path):
    tournament = plan([mini], STRATEGIES, repetitions=2, seed=9)
    with Store(tmp_path / "t.db") as store:
        run(tournament, store)
        full = comparable(store.rows())
        store.db.execute("DELETE FROM sessions WHERE idx % 3 = 1")
        missing = len(tournament) - store.count()
        seen = []
        assert run(tournament, store, SerialExecutor(), size=4, progress=lambda d, t, n: seen.append(d)) == missing
        assert seen[0] == len(tournament) - missing and seen[-1] == len(tournament)
        assert comparable(store.rows()) == full


def test_a_different_tournament_in_the_same_store_is_refused(mini, tmp_path):
    with Store(tmp_path / "t.db") as store:
        run(plan([mini], STRATEGIES, seed=1), store)
    with Store(tmp_path / "t.db") as store, pytest.raises(OptionError, match="holds a different tournament"):
        run(plan([mini], STRATEGIES, seed=2), store)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all " * 100)
    with pytest.raises(OptionError, match="not a tournament database"):
        Store(junk)
    with pytest.raises(OptionError, match="no such tournament database"):
        open_existing(tmp_path / "missing.db")


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_then_rerun_gives_the_uninterrupted_table(tmp_path):
    args = ["tournament", "--strategies", ",".join(STRATEGIES), "--scenarios", str(MINI), "--repetitions", "60",
            "--self-play", "--seed", "4", "--batch", "8"]
    total = 16 * 60
    killed_db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "accord.cli.main", *args, "--db", str(killed_db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while stored(killed_db) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    at_kill = stored(killed_db)
    assert 0 < at_kill < total, f"killed with {at_kill} of {total} stored: not mid-run"

    again = subprocess.run([sys.executable, "-m", "accord.cli.main", *args, "--db", str(killed_db), "--json"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"resuming {killed_db}: {at_kill:,} of {total:,}" in " ".join(again.stderr.split())

    reference_db = tmp_path / "reference.db"
    reference = CliRunner().invoke(app, [*args, "--db", str(reference_db), "--json"])
    assert reference.exit_code == 0, reference.output

    resumed, uninterrupted = json.loads(again.stdout), json.loads(reference.stdout)
    assert resumed["sessions"] == uninterrupted["sessions"] == total
    assert resumed["strategies"] == uninterrupted["strategies"]
    with Store(killed_db) as a, Store(reference_db) as b:
        assert comparable(a.rows()) == comparable(b.rows())


def test_ctrl_c_on_a_concurrent_run_says_what_is_stored_and_how_to_resume(tmp_path):
    args = ["tournament", "--strategies", ",".join(STRATEGIES), "--scenarios", str(MINI), "--repetitions", "200",
            "--self-play", "--seed", "4", "--batch", "8", "--workers", "2"]
    total = 16 * 200
    db = tmp_path / "interrupted.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "accord.cli.main", *args, "--db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while stored(db) == 0 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole process group
        err = process.communicate(timeout=120)[1]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    at_stop = stored(db)
    assert 0 < at_stop < total
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (f"interrupted: {at_stop:,} of {total:,} sessions are stored in {db}; "
                                            "run the same command again to resume")
