"""One resolve for bundled names: paths first, then bundled files by name (with or without suffix)."""

from __future__ import annotations

import pytest

from accord.errors import ScenarioError
from accord.io.bundled import bundled_data, bundled_names, bundled_scenarios, resolve


def test_bundled_scenarios_and_data_files_are_listed():
    assert "japan-russia-2019" in bundled_scenarios()
    assert {"eu10-car-emissions", "japan-russia-2019", "kurils-divide"} <= set(bundled_names())
    assert bundled_data()["eu10-car-emissions"].suffix == ".csv"


def test_a_path_wins_over_a_bundled_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kurils-divide").write_text("mine")
    assert resolve("kurils-divide", bundled_data(), "divide file").read_text() == "mine"
    assert resolve("kurils-divide", bundled_data(), "divide file", paths=False) == bundled_data()["kurils-divide"]


def test_a_name_with_its_suffix_finds_the_bundled_file():
    assert resolve("kurils-divide.yaml", bundled_data(), "divide file") == bundled_data()["kurils-divide"]


def test_refusals_list_the_bundled_names(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        resolve("nope", bundled_scenarios(), "scenario")
    assert str(caught.value).startswith("nope: no such file or bundled scenario") and "japan-russia-2019" in str(
        caught.value)
    with pytest.raises(ScenarioError, match="is a folder, not a file.*kurils-divide"):
        resolve(str(tmp_path), bundled_data(), "divide file", folders=False)
    assert resolve(str(tmp_path), bundled_scenarios(), "scenario") == tmp_path
    with pytest.raises(ScenarioError, match="no bundled file of that name"):
        resolve(str(tmp_path), bundled_data(), "divide file", paths=False)


def test_divide_and_stakeholder_files_are_told_apart():
    from accord.divide import load_divide
    from accord.forecast import load_stakeholders
    from accord.io.bundled import bundled_divide_names, bundled_stakeholder_names

    assert set(bundled_divide_names()) | set(bundled_stakeholder_names()) == set(bundled_names())
    assert not set(bundled_divide_names()) & set(bundled_stakeholder_names())
    for name in bundled_divide_names():
        load_divide(name)
    for name in bundled_stakeholder_names():
        load_stakeholders(name)
