"""``convert``: the target format from the name or `to`, the files written, and what each target keeps and
reports as lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import OptionError
from accord.io import load
from accord.io.accord_format import scenario_to_dict
from accord.io.convert import convert
from accord.io.load import load_accord
from tests.robust.scenarios import scenario, wide

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


@pytest.mark.parametrize("name", ["out.yaml", "out.json"])
def test_an_accord_round_trip_keeps_every_distribution(tmp_path, name):
    original = wide(**{"parties[1].utility.values.c.triangular.top": {"value": 1, "normal": {"sd": 0.5}}})
    written, losses = convert(original, tmp_path / name)
    assert losses == []
    again = load_accord(written[0])
    assert again == original
    assert again.uncertainty == original.uncertainty
    assert again.uncertainty.parameters == original.uncertainty.parameters


@pytest.mark.parametrize("target", ["genius", "geniusweb"])
def test_genius_targets_report_the_distributions_as_lost(tmp_path, target):
    _, losses = convert(wide(), tmp_path / target, to=target)
    lost = [loss for loss in losses if "distributions" in loss]
    assert len(lost) == 1
    assert lost[0] == (
        "the distributions on 8 numbers (parties[0].reservation, parties[0].utility.values.a.y, "
        "parties[0].utility.values.c.linear.slope and 5 more) dropped: "
        f"{'GENIUS' if target == 'genius' else 'GeniusWeb'} cannot state uncertainty, so only the written values "
        "(the point estimates) are kept")
    _, plain_losses = convert(scenario(), tmp_path / f"{target}-plain", to=target)
    assert not any("distributions" in loss for loss in plain_losses)


def test_the_plain_document_keeps_only_the_written_values():
    """What the web page edits: numbers, no distributions (``convert`` asks for them)."""
    document = scenario_to_dict(wide())
    assert document == scenario_to_dict(scenario())
    assert scenario_to_dict(wide(), distributions=True)["parties"][0]["reservation"] == {"value": 0.4,
                                                                                       "uniform": [0.3, 0.5]}
