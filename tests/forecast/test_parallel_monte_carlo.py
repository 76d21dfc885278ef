"""The Monte Carlo forecast runs on the tournament's executors with the same results."""

import json

from click.testing import CliRunner

from accord.cli.main import app
from accord.forecast import ModelConfig, load_stakeholders, monte_carlo
from accord.executors import make_executor


def _group():
    return load_stakeholders("japan-russia-2019")[0]


def test_serial_processes_and_dask_give_identical_forecasts():
    group = _group()
    config = ModelConfig(model="eu", rounds=4)
    serial = monte_carlo(group, config, runs=40, seed=5)
    assert len(set(serial.finals)) > 1  # the bundled file states uncertainty, so runs differ
    with make_executor(2) as pool:
        assert monte_carlo(group, config, runs=40, seed=5, map_fn=pool.map_plain) == serial
    with make_executor(2, "local", dask_processes=False) as cluster:
        assert monte_carlo(group, config, runs=40, seed=5, map_fn=cluster.map_plain) == serial


def test_cli_workers_option():
    runner = CliRunner()
    args = ["forecast", "japan-russia-2019", "--runs", "30", "--seed", "1", "--rounds", "3", "--json"]
    serial = json.loads(runner.invoke(app, args).stdout)
    parallel = json.loads(runner.invoke(app, [*args, "--workers", "2"]).stdout)
    assert parallel == serial
    bad = runner.invoke(app, [*args, "--workers", "0"])
    assert bad.exit_code == 2 and "--workers" in bad.stderr


def test_ctrl_c_with_workers_prints_one_line_not_worker_tracebacks():
    import os
    import signal
    import subprocess
    import sys
    import time

    import psutil

    command = [sys.executable, "-c", "from accord.cli.main import main; raise SystemExit(main(['forecast', "
               "'eu10-car-emissions', '--runs', '100000', '--rounds', '200', '--workers', '2']))"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        for _ in range(1200):  # until both workers run (at most about two minutes)
            if len(psutil.Process(child.pid).children()) >= 2 or child.poll() is not None:
                break
            time.sleep(0.1)
        time.sleep(0.5)  # the workers are inside their runs now
        os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 130, err
    assert err.strip().splitlines() == ["interrupted"], err
