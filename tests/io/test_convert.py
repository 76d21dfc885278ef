"""Converting a scenario: the target format from the name or `to`, the files written, and what was lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import OptionError
from accord.io import load
from accord.io.convert import convert

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="module")
def mini():
    return load(str(MINI))


@pytest.mark.parametrize("name", ["copy.yaml", "copy.YML", "copy.json"])
def test_accord_files_round_trip_with_nothing_lost(mini, tmp_path, name):
    output = tmp_path / "sub" / name
    written, lost = convert(mini, output)
    assert written == [output] and lost == []
    assert load(str(output)) == mini


def test_json_is_written_as_json(mini, tmp_path):
    output = tmp_path / "copy.json"
    convert(mini, output)
    assert output.read_text(encoding="utf-8").lstrip().startswith("{")


@pytest.mark.parametrize(("output", "to", "parameter", "words"), [
    ("x.yaml", "excel", "to", "unknown target format 'excel'"),
    ("folder", None, "output", "cannot tell the target format"),
    ("x.txt", "accord", "output", "written to a .yaml or .json file"),
])
def test_bad_targets_name_their_parameter(mini, tmp_path, output, to, parameter, words):
    with pytest.raises(OptionError) as caught:
        convert(mini, tmp_path / output, to)
    assert caught.value.parameter == parameter
    assert words in caught.value.message
    assert "--" not in caught.value.fix


@pytest.mark.parametrize("to", ["genius", "geniusweb"])
def test_folder_formats_refuse_a_file(mini, tmp_path, to):
    output = tmp_path / "taken"
    output.write_text("keep me")
    with pytest.raises(OptionError, match="is a file"):
        convert(mini, output, to)
    assert output.read_text() == "keep me"


def test_genius_lists_only_the_files_it_wrote_and_says_what_is_lost(mini, tmp_path):
    (tmp_path / "notes.txt").write_text("not ours")
    written, lost = convert(mini, tmp_path, "genius")
    assert [p.name for p in written] == ["mini-A.xml", "mini-B.xml", "mini-domain.xml"]
    assert any("constraint" in line and "dropped" in line for line in lost)
    assert any("share" in line and "real_grid=5" in line for line in lost)


def test_writing_again_over_the_same_files_still_lists_them(mini, tmp_path):
    first, _ = convert(mini, tmp_path, "geniusweb")
    again, _ = convert(mini, tmp_path, "geniusweb")
    assert again == first and len(again) == 3


def test_genius_read_back_on_the_same_grid_gives_the_same_utilities(mini, tmp_path):
    from accord.io.genius import read_genius
    from accord.space import scenario_space, utility_matrix

    written, _ = convert(mini, tmp_path, "genius")
    back = read_genius(written, real_grid=5)  # domain and profiles, party order = file order
    space, space_back = scenario_space(mini), scenario_space(back)
    assert space_back.size > space.size  # the dropped constraint no longer rules outcomes out
    u, u_back = utility_matrix(mini, space), utility_matrix(back, space_back)
    for position in range(space.size):
        outcome = space.outcome(position)
        assert u_back[space_back.position_of(outcome)] == pytest.approx(u[position], abs=1e-9), outcome
