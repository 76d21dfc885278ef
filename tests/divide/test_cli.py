"""``accord divide``: JSON, the plain-English explanation, bundled files, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error, assert_readable_tables
from tests.yaml_bombs import DIVIDE_BOMB, REFUSAL


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_divide_json_and_explanation(tmp_path: Path):
    path = tmp_path / "divorce.yaml"
    path.write_text(
        "parties: [Carol, Bob]\nitems:\n  retirement: [50, 40]\n  home: [20, 30]\n  cottage: [15, 10]\n"
        "  investments: [10, 10]\n  other: [5, 10]\n"
    )
    result = run("divide", str(path), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["shares"]["retirement"] == pytest.approx(5 / 6, abs=1e-12)
    assert document["shares"]["cottage"] == 1 and document["shares"]["home"] == 0
    assert document["points"] == pytest.approx([170 / 3, 170 / 3], abs=1e-12)
    assert document["points_exact"] == ["170/3", "170/3"] and document["split"] == "retirement"
    text = run("divide", str(path)).stdout
    assert "Retirement is split: Carol 0.83, Bob 0.17" in " ".join(text.split())
    assert "both end with 56.7 points" in " ".join(text.split())


def test_divide_bundled():
    document = json.loads(run("divide", "kurils-divide", "--json").stdout)
    assert set(document["shares"]) >= {"habomai", "shikotan", "kunashir", "iturup"}
    assert document["points"][0] == pytest.approx(document["points"][1], abs=1e-12)


def test_divide_bad_file(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("parties: [A, B]\nitems: {x: [-1, 1]}\n")
    assert_one_line_error(run("divide", str(path)), "bad.yaml", "items.x", "non-negative")


def test_divide_refuses_an_alias_bomb_with_one_line(tmp_path: Path):
    path = tmp_path / "bomb.yaml"
    path.write_text(DIVIDE_BOMB)
    assert_one_line_error(run("divide", str(path)), "bomb.yaml", REFUSAL)


def test_long_party_names_at_80_columns_keep_every_header_word(tmp_path: Path):
    """The points and share columns cut 'Infrastructure' to 'Infrastructu…' in their headers."""
    a, b = "漁民 Fishers' Co-op", "International Development Lender (IDL) — Asia–Pacific Infrastructure Window"
    path = tmp_path / "basin.yaml"
    path.write_text(f'parties: ["{a}", "{b}"]\nitems:\n  "漁業権 fishing rights in the lower delta": [40, 10]\n'
                    '  "Resettlement land (Ñandú valley)": [30, 20]\n  monitoring: [30, 70]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["divide", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=(f"{a} points", f"{b} points", f"{a} share", f"{b} share"))
