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
from click.testing import CliRunner

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


# --- failures that must be loud and clear (issue 11 §6, §14) ---------------------------------------------------


def test_a_row_with_nan_is_an_error_not_a_dropped_row(mini, tmp_path):
    tournament = plan([mini], STRATEGIES)
    with Store(tmp_path / "t.db") as store:
        run(tournament, store)
        row = SessionRow.from_sql(store.db.execute("SELECT * FROM sessions").fetchone())
        store.db.execute("DELETE FROM sessions")
        import dataclasses
        with pytest.raises(ValueError, match="welfare"):
            store.add([dataclasses.replace(row, welfare=float("nan"))])
        with pytest.raises(OptionError, match="could not be stored"):
            store.add([dataclasses.replace(row, welfare=None)])
        assert store.count() == 0


def test_two_runs_starting_at_once_on_a_new_file_record_the_plan_once(mini, tmp_path):
    import threading

    tournament = plan([mini], STRATEGIES)
    first, second = Store(tmp_path / "t.db"), Store(tmp_path / "t.db")
    read = second.meta

    def slow_meta():  # the second run reads an empty store, then the first run records its plan
        found = read()
        time.sleep(0.5)
        return found

    second.meta = slow_meta
    failures = []

    def begin(store):
        try:
            store.begin(tournament)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            failures.append(error)

    threads = [threading.Thread(target=begin, args=(second,))]
    threads[0].start()
    time.sleep(0.1)
    threads.append(threading.Thread(target=begin, args=(first,)))
    threads[1].start()
    for thread in threads:
        thread.join()
    first.close(), second.close()
    assert failures == []
    with Store(tmp_path / "t.db") as store:
        assert store.planned() == len(tournament)


def _foreign(path: Path, meta: bool) -> bytes:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE meta (key TEXT, data BLOB)" if meta else "CREATE TABLE customers (id INTEGER)")
        other.execute("INSERT INTO " + ("meta VALUES ('a', 'b')" if meta else "customers VALUES (1)"))
    return path.read_bytes()


@pytest.mark.parametrize("meta", [True, False])
def test_another_programs_database_is_refused_and_left_byte_identical(mini, tmp_path, meta):
    other = tmp_path / "other.sqlite"
    before = _foreign(other, meta)
    with pytest.raises(OptionError, match="another program's database"):
        Store(other)
    with pytest.raises(OptionError, match="another program's database"):
        open_existing(other)
    result = CliRunner().invoke(app, ["tournament", "--strategies", "linear,boulware", "--scenarios", str(MINI),
                                      "--db", str(other)])
    assert result.exit_code == 2 and "another program's database" in result.output
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]  # no -wal or -shm file either


def test_a_folder_is_called_a_folder(tmp_path):
    with pytest.raises(OptionError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(OptionError, match="is a folder"):
        open_existing(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_is_called_read_only(mini, tmp_path):
    with Store(tmp_path / "t.db") as store:
        run(plan([mini], STRATEGIES), store)
    (tmp_path / "t.db").chmod(0o444)
    with pytest.raises(OptionError, match="read-only"):
        Store(tmp_path / "t.db")


def test_a_locked_file_is_called_locked_after_a_bounded_wait(mini, tmp_path, monkeypatch):
    from accord.tournament import store as store_module

    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.2)
    with Store(tmp_path / "t.db") as store:
        run(plan([mini], STRATEGIES), store)
    holder = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(OptionError, match="locked by another program"):
            with Store(tmp_path / "t.db") as store:
                store.begin(plan([mini], STRATEGIES))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_disk_is_named_and_the_stored_rows_are_intact():
    from accord.tournament.store import _problem

    error = _problem(sqlite3.OperationalError("database or disk is full"), "t.db")
    assert "disk is full" in str(error) and "intact" in str(error)


def test_damaged_rows_give_one_line_in_results_and_on_the_web(mini, tmp_path):
    from accord.web.tournaments import results

    with Store(tmp_path / "t.db") as store:
        run(plan([mini], STRATEGIES), store)
        store.db.execute("UPDATE sessions SET utilities = 'garbage' WHERE idx = 1")
        store.db.execute("UPDATE sessions SET welfare = 'x' WHERE idx = 2")
    result = CliRunner().invoke(app, ["results", str(tmp_path / "t.db")])
    assert result.exit_code == 2 and "damaged" in result.output
    assert "damaged" in results(tmp_path / "t.db")["message"]


def test_random_corruptions_never_give_a_traceback(mini, tmp_path):
    import random

    with Store(tmp_path / "good.db") as store:
        run(plan([mini], STRATEGIES, repetitions=3), store)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    good = (tmp_path / "good.db").read_bytes()
    generator = random.Random(11)
    for n in range(30):
        data = bytearray(good)
        for _ in range(generator.randint(1, 40)):
            data[generator.randrange(len(data))] = generator.randrange(256)
        bad = tmp_path / f"bad{n}.db"
        bad.write_bytes(bytes(data))
        result = CliRunner().invoke(app, ["results", str(bad)])
        assert result.exit_code in (0, 2), (n, result.output, result.exception)
