"""Loading what the user names: the format from name and content, bundled names, folders and file groups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.io.convert import convert
from accord.io.load import load, load_each, sniff

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="module")
def mini():
    return load(MINI)


@pytest.fixture()
def genius_folder(mini, tmp_path):
    convert(mini, tmp_path / "genius", "genius")
    return tmp_path / "genius"


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("a.yml", "accord: 1", "accord"),
    ("a.YAML", "accord: 1", "accord"),
    ("a.xml", "<x/>", "genius"),
    ("a.json", '{"accord": 1, "name": "x"}', "accord"),
    ("a.json", '{"name": "x", "issuesValues": {}}', "geniusweb"),
])
def test_files_are_told_apart_by_name_and_content(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text)
    assert sniff(path) == expected


def test_folders_are_told_apart_by_their_files(mini, tmp_path):
    convert(mini, tmp_path / "g", "genius")
    convert(mini, tmp_path / "w", "geniusweb")
    assert (sniff(tmp_path / "g"), sniff(tmp_path / "w")) == ("genius", "geniusweb")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ScenarioError, match="no GENIUS"):
        sniff(tmp_path / "empty")


def test_an_unknown_file_type_is_named(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("x")
    with pytest.raises(ScenarioError) as caught:
        sniff(path)
    assert caught.value.message == "unknown file type '.txt'"


def test_a_bundled_name_loads_the_bundled_file(mini):
    import accord

    bundled = Path(accord.__file__).parent / "scenarios" / "japan-russia-2019.yaml"
    assert load("japan-russia-2019") == load(bundled)
    assert mini.name == "mini" and mini.party_names == ("A", "B")


@pytest.mark.parametrize(("names", "words"), [
    ((), "no scenario given"),
    ((MINI, MINI), "an Accord scenario is one file"),
])
def test_refused_requests(names, words):
    with pytest.raises(ScenarioError, match=words):
        load(*names)


def test_formats_are_not_mixed(genius_folder):
    with pytest.raises(ScenarioError, match=r"mixes formats \(accord, genius\)"):
        load(MINI, *sorted(genius_folder.iterdir()))


def test_the_files_of_one_genius_scenario_given_together_are_one_scenario(genius_folder, mini):
    files = [str(p) for p in sorted(genius_folder.iterdir())]
    [(name, scenario)] = load_each(files)
    assert name == " ".join(files)
    assert len(scenario.parties) == 2 and len(scenario.issues) == len(mini.issues)


def test_a_folder_of_accord_files_stands_for_each(tmp_path):
    for name in ("b.yaml", "a.yaml"):
        shutil.copy(MINI, tmp_path / name)
    (tmp_path / "readme.txt").write_text("not a scenario")
    loaded = load_each([str(tmp_path)])
    assert [Path(name).name for name, _ in loaded] == ["a.yaml", "b.yaml"]


def test_a_folder_of_scenario_folders_stands_for_each(mini, tmp_path):
    convert(mini, tmp_path / "one", "genius")
    convert(mini, tmp_path / "two", "geniusweb")
    (tmp_path / "nothing").mkdir()
    loaded = load_each([str(tmp_path)])
    assert [Path(name).name for name, _ in loaded] == ["one", "two"]


def test_a_folder_without_scenarios_is_refused(tmp_path):
    (tmp_path / "readme.txt").write_text("x")
    with pytest.raises(ScenarioError, match="folder holds no scenario"):
        load_each([str(tmp_path)])


def test_a_fifty_digit_integer_bound_is_a_scenario_error(tmp_path):
    """Issue 11 §13: ``integers: {high: 10**50}`` gave an OverflowError traceback."""
    text = open("tests/data/mini.yaml", encoding="utf-8").read().replace("{low: 0, high: 4}",
                                                                          "{low: 0, high: " + "9" * 50 + "}")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_folder_of_accord_files_and_scenario_folders_stands_for_all_of_them(mini, tmp_path):
    """The sub-folders were dropped without a word when the folder also held an Accord file."""
    shutil.copy(MINI, tmp_path / "a.yaml")
    convert(mini, tmp_path / "genius", "genius")
    loaded = load_each([str(tmp_path)])
    assert [Path(name).name for name, _ in loaded] == ["a.yaml", "genius"]
