"""The commands print the user's text as written: brackets in a name are not Rich markup."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from accord.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "data"
ODD = "Ñandú [dam] authority [/b]"
runner = CliRunner()


def odd_scenario(tmp_path: Path) -> str:
    text = (DATA / "long-names.yaml").read_text(encoding="utf-8").replace('"Ñandú dam authority"', f'"{ODD}"')
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_name_with_brackets_is_printed_whole_by_analyze_and_simulate(tmp_path):
    """'[dam]' vanished as a style and '[/b]' stopped the command with a MarkupError traceback."""
    path = odd_scenario(tmp_path)
    for args in (["analyze", path], ["simulate", path, "--strategies", "boulware,conceder,linear", "--rows", "2"],
                 ["sensitivity", path], ["robust", path, "--samples", "5"]):
        result = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.output)
        assert ODD in result.stdout, args


def test_a_divide_item_with_brackets_is_printed_whole(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text('parties: ["[b]A", "B [/i]"]\nitems:\n  "[red]x[/red]": [60, 40]\n  y: [40, 60]\n')
    result = runner.invoke(app, ["divide", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[red]x[/red]" in result.stdout and "[b]A points" in result.stdout and "B [/i] share" in result.stdout
