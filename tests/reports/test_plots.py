"""The CLI plot: chosen axes, a projection labelled as one, the parties in the shared palette."""

from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.errors import OptionError
from accord.reports.palette import party_colour
from accord.reports.plots import plot_axes, plot_session

TRIO = Path(__file__).resolve().parents[1] / "data" / "trio.yaml"
PARTIES = ("Up", "Down", "Lender")


def test_axes_by_name_or_number_default_to_the_first_two():
    assert plot_axes(PARTIES, None) == (0, 1)
    assert plot_axes(PARTIES, ["Lender", "Up"]) == (2, 0)
    assert plot_axes(PARTIES, [" 3", "2"]) == (2, 1)


@pytest.mark.parametrize("chosen, message", [(["Up"], "1 parties given"), (["Up", "Nobody"], "no party 'Nobody'"),
                                             (["Up", "1"], "the same party twice"), (["0", "1"], "no party '0'")])
def test_bad_axes_name_the_parameter_and_the_parties(chosen, message):
    with pytest.raises(OptionError) as caught:
        plot_axes(PARTIES, chosen)
    line = caught.value.one_line()
    assert message in line and "Up, Down, Lender" in line and caught.value.parameter == "plot_axes"


def _svg_text(tmp_path, axes) -> str:
    matplotlib = pytest.importorskip("matplotlib")
    from accord.simulate import prepare, run_session

    prepared = prepare(accord.load(TRIO))
    result = run_session(prepared, ["boulware", "conceder", "conceder"], rounds=30)
    target = tmp_path / "trio.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as <text>, so the test can read it
        plot_session(result, prepared, target, axes=axes)
    return target.read_text(encoding="utf-8")


def test_a_three_party_plot_is_a_labelled_projection_on_the_chosen_parties(tmp_path):
    svg = _svg_text(tmp_path, (0, 2))
    assert "projection of the 3-party space on Up (x) and Lender (y)" in svg
    assert "utility of Lender" in svg and "utility of Down" in svg  # y axis, and the colour bar
    assert "3-party Pareto frontier (projected)" in svg and "frontier of Up and Lender alone" in svg
    assert "at least as good as no deal for all 3 parties" in svg
    for party in range(3):  # offers and reservation lines in the workbench's colours
        assert party_colour(party) in svg


def test_a_two_party_plot_is_not_called_a_projection(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    from accord.simulate import prepare, run_session

    prepared = prepare(accord.load(Path(TRIO).with_name("mini.yaml")))
    result = run_session(prepared, ["boulware", "conceder"], rounds=30)
    target = tmp_path / "mini.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        plot_session(result, prepared, target)
    svg = target.read_text(encoding="utf-8")
    assert "projection" not in svg and "Pareto frontier" in svg
