"""The command-line entry point: lazy command loading, a complete ``--help``, a light start-up."""

import gc
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from accord.cli import main as main_module
from accord.cli.main import COMMANDS, SUMMARIES, full_app, main, run

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def _imported_after(code: str) -> set[str]:
    """Top-level packages in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.split())


def test_summaries_are_the_first_paragraph_of_each_commands_help():
    group = full_app()
    assert set(SUMMARIES) == set(COMMANDS) == set(group.list_commands(None))
    for name, summary in SUMMARIES.items():
        help_text = group.get_command(None, name).help
        assert " ".join(help_text.split("\n\n")[0].split()) == summary, name


def test_help_lists_every_command_with_its_summary(capsys):
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split()).replace("- ", "-")  # undo wrapping, also at hyphens
    for name, summary in SUMMARIES.items():
        assert f"{name} {summary}" in out


def test_unknown_command_is_one_line_and_exit_2(capsys):
    assert main(["no-such-command"]) == 2
    assert capsys.readouterr().err.strip() == "error: accord: No such command 'no-such-command'; see 'accord --help'"


def test_help_imports_no_numpy_typer_pydantic_rich_or_web_stack():
    loaded = _imported_after("from accord.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n"
                             "    pass")
    assert "click" in loaded  # the probe works
    assert not loaded & {"numpy", "typer", "pydantic", "yaml", "rich", "fastapi", "matplotlib", "uvicorn", "dask"}


def test_the_console_script_builds_the_command_then_runs_it_with_garbage_collection_on(monkeypatch):
    seen = {}

    def recording_main(argv, app):
        seen.update(argv=argv, commands=set(app.commands), collecting=gc.isenabled())
        return 3

    monkeypatch.setattr(sys, "argv", ["accord", "analyze", str(MINI)])
    monkeypatch.setattr(main_module, "main", recording_main)
    try:
        with pytest.raises(SystemExit) as done:
            run()
    finally:
        gc.unfreeze()
    assert done.value.code == 3
    assert seen == {"argv": ["analyze", str(MINI)], "commands": {"analyze", "scenarios", "validate", "convert"},
                    "collecting": True}


def test_the_console_script_prints_what_main_prints(capsys):
    assert main(["analyze", str(MINI), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    done = subprocess.run([sys.executable, "-m", "accord.cli.main", "analyze", str(MINI), "--json"],
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == printed


NOT_FOR_ANALYZE = {"typer", "pydantic", "fastapi", "starlette", "matplotlib", "uvicorn", "jinja2", "dask", "sqlite3"}


def test_analyze_imports_no_schema_library_web_stack_or_plots():
    """A small Accord file is read without pydantic; tables need Rich, --json does not (stdout is a pipe here)."""
    loaded = _imported_after(f"from accord.cli.main import main\nmain(['analyze', {str(MINI)!r}, '--json'])")
    assert "numpy" in loaded and "click" in loaded  # the probe works
    assert not loaded & (NOT_FOR_ANALYZE | {"rich"})
    tables = _imported_after(f"from accord.cli.main import main\nmain(['analyze', {str(MINI)!r}])")
    assert "rich" in tables
    assert not tables & NOT_FOR_ANALYZE


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_shows_flags_as_flags(command):
    result = CliRunner().invoke(full_app(), [command, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    if "--json" in result.stdout:
        assert re.search(r"--json\s{2,}\S", result.stdout)  # the flag, then its help: no value to give


def test_divide_and_forecast_help_list_only_their_own_bundled_files():
    from accord.io.bundled import bundled_divide_names, bundled_stakeholder_names

    divide = CliRunner().invoke(full_app(), ["divide", "--help"]).stdout
    forecast = CliRunner().invoke(full_app(), ["forecast", "--help"]).stdout
    for name in bundled_divide_names():
        assert name in divide and name not in forecast
    for name in bundled_stakeholder_names():
        assert name in forecast and name not in divide
