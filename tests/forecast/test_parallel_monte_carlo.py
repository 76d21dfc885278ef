"""The Monte Carlo forecast runs on the tournament's executors with the same results."""

import json

from typer.testing import CliRunner

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
