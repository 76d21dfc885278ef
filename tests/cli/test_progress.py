"""Progress: drawn on a terminal, silent otherwise (pipes, test runners, --json)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from click.testing import CliRunner

from accord.cli import progress as progress_module
from accord.cli.main import app
from accord.cli.progress import progress

runner = CliRunner()


@pytest.fixture
def terminal(monkeypatch) -> io.StringIO:
    """Progress drawn on a forced terminal whose output the test reads."""
    screen = io.StringIO()
    monkeypatch.setattr(progress_module, "progress_console",
                        lambda: Console(file=screen, force_terminal=True, width=100))
    return screen


def test_a_terminal_gets_a_bar_and_steps_advance_it(terminal):
    with progress("counting", 3) as step:
        step()
        step(2, description="counted")
    assert "counting" in terminal.getvalue() or "counted" in terminal.getvalue()


def test_nothing_is_drawn_when_quiet_even_on_a_terminal(terminal):
    with progress("counting", 3, quiet=True) as step:
        step()
    assert terminal.getvalue() == ""


def test_nothing_is_drawn_when_not_a_terminal():
    screen = io.StringIO()
    original = progress_module.progress_console
    progress_module.progress_console = lambda: Console(file=screen)
    try:
        with progress("counting", 3) as step:
            step()
    finally:
        progress_module.progress_console = original
    assert screen.getvalue() == ""


@pytest.mark.parametrize("args, phase", [
    (["sensitivity", "tests/data/trio.yaml"], "reservation grid"),
    (["sensitivity", "tests/data/mini.yaml", "--weight-noise", "0.1", "--runs", "3",
      "--reservation", "A=0.2:0.3:2"], "weight noise"),
    (["forecast", "eu10-car-emissions", "--runs", "5"], "Monte Carlo runs"),
])
def test_long_commands_show_progress_on_a_terminal_and_keep_output_clean(terminal, args, phase):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert phase in terminal.getvalue()
    assert phase not in result.stdout and phase not in result.stderr
    quiet = runner.invoke(app, [*args, "--json"])
    assert quiet.exit_code == 0


def test_json_draws_no_progress_even_on_a_terminal(terminal):
    result = runner.invoke(app, ["sensitivity", "tests/data/trio.yaml", "--json"])
    assert result.exit_code == 0 and terminal.getvalue() == ""


def test_report_shows_its_phases(terminal, tmp_path):
    result = runner.invoke(app, ["report", "tests/data/mini.yaml", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "simulat" in terminal.getvalue()


@pytest.mark.parametrize("args, phase", [
    (["analyze", "tests/data/mini.yaml"], "analysing mini"),
    (["scenarios"], "counting outcomes"),
])
def test_analyze_and_scenarios_show_progress_on_a_terminal(terminal, args, phase):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert phase in terminal.getvalue() and phase not in result.stdout


def test_audit_shows_progress_on_a_terminal(terminal, tmp_path):
    from tests.cli.test_audit import GOOD, MINI, write

    result = runner.invoke(app, ["audit", MINI, write(tmp_path, GOOD)])
    assert result.exit_code == 0, result.output
    assert "scoring the moves" in terminal.getvalue() and "scoring the moves" not in result.stdout


def test_tournament_draws_its_bar_only_on_a_terminal(terminal, tmp_path):
    args = ["tournament", "--strategies", "boulware,conceder", "--scenarios", "tests/data/mini.yaml",
            "--rounds", "5"]
    shown = runner.invoke(app, [*args, "--db", str(tmp_path / "a.db")])
    assert shown.exit_code == 0, shown.output
    assert "sessions" in terminal.getvalue() and "━" not in shown.stderr
    terminal.truncate(0)
    quiet = runner.invoke(app, [*args, "--db", str(tmp_path / "b.db"), "--json"])
    assert quiet.exit_code == 0 and terminal.getvalue() == "" and quiet.stderr == ""


def test_tournament_piped_writes_no_bar(tmp_path):
    result = runner.invoke(app, ["tournament", "--strategies", "boulware,conceder", "--scenarios",
                                 "tests/data/mini.yaml", "--rounds", "5", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
