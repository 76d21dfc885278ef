"""``accord robust`` on the command line: JSON from the result's to_json, tables, one-line errors."""

from __future__ import annotations

import json
import re

import yaml
from click.testing import CliRunner

from accord.cli.main import app, main
from tests.cli_assertions import assert_readable_tables
from tests.robust.scenarios import document


def _write(tmp_path, data) -> str:
    path = tmp_path / "toy.yaml"
    path.write_text(yaml.safe_dump(data))
    return str(path)


def _uncertain() -> dict:
    return document(**{"parties[0].reservation": {"value": 0.4, "uniform": [0.3, 0.5]}})


def test_json_is_the_result_document(tmp_path, capsys):
    path = _write(tmp_path, _uncertain())
    assert main(["robust", path, "--samples", "30", "--seed", "2", "--json"]) == 0
    document_ = json.loads(capsys.readouterr().out)
    assert document_["samples"] == 30 and document_["parameters"] == ["parties[0].reservation"]
    assert set(document_["p_zone"]) == {"value", "se"}
    assert main(["robust", path, "--samples", "30", "--seed", "2", "--json", "--workers", "2"]) == 0
    assert json.loads(capsys.readouterr().out) == document_


def test_tables_name_the_robust_deal_and_the_drivers(tmp_path, capsys):
    assert main(["robust", _write(tmp_path, _uncertain()), "--samples", "20"]) == 0
    out = capsys.readouterr().out
    assert "Robust deal" in out and "parties[0].reservation" in out and "P(zone of agreement)" in out


def test_user_errors_are_one_line(tmp_path, capsys):
    assert main(["robust", _write(tmp_path, _uncertain()), "--samples", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    bad = document(**{"parties[0].reservation": {"value": 0.4, "normal": {"sd": 0}}})
    assert main(["robust", _write(tmp_path, bad)]) == 2
    assert "parties[0].reservation.normal.sd: sd must be > 0" in capsys.readouterr().err


def test_an_impossible_sample_count_names_the_flag():
    from click.testing import CliRunner

    from accord.cli.main import app
    from tests.cli_assertions import assert_one_line_error

    result = CliRunner().invoke(app, ["robust", "tests/data/mini.yaml", "--samples", "0"])
    assert_one_line_error(result, "error: --samples: samples must lie in 1..10,000,000, got 0; give 1 to 10,000,000")


def test_the_tables_show_a_whole_real_as_analyze_does(mini_with):
    """`accord robust` printed 'share=1.0' where analyze, simulate and the workbench show 'share=1'."""
    path = mini_with(("interval: {low: 0, high: 1, grid: 5}", "interval: {low: 0, high: 4, grid: 5}"),
                     ("reservation: 0.3\n", "reservation: {value: 0.3, uniform: [0.25, 0.35]}\n"))
    result = CliRunner().invoke(app, ["robust", str(path), "--samples", "5"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "share=" in result.stdout and not re.search(r"share=\d+\.0\b", result.stdout), result.stdout


def test_long_names_at_80_columns_fold_packages_and_numbers_instead_of_cutting_them():
    """The packages were cut to 'dam_height_and_r…', one issue per line, the rest of each package lost."""
    result = CliRunner().invoke(app, ["robust", "tests/data/long-names.yaml", "--samples", "20"],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("package", "rational", "KS", "uncertain number"))
    assert "parties[0].reservation" in result.stdout
