from __future__ import annotations

import sys
from pathlib import Path

import pytest

import accord.forecast
from accord.errors import InputError, OptionError
from accord.forecast import ModelConfig, forecast
from accord.forecast.plot import plot_rounds


def test_svg_plot(eu10, tmp_path: Path):
    path = plot_rounds([forecast(eu10, ModelConfig(rounds=2))], tmp_path / "r.svg")
    assert path.read_text().lstrip().startswith("<?xml")


def test_more_than_ten_actors_are_told_apart():
    from accord.forecast.plot import actor_style

    styles = [actor_style(k) for k in range(40)]
    assert len({(colour, marker) for colour, marker, _ in styles}) == 40


def test_the_plot_shows_every_actor_in_an_unclipped_legend_and_the_monte_carlo_band(tmp_path: Path):
    from html import escape

    from accord.forecast import load_stakeholders, monte_carlo

    groups = load_stakeholders("japan-russia-2019")
    group = groups[0]
    assert len(group.actors) > 10
    config = ModelConfig(rounds=4)
    summary = monte_carlo(group, config, runs=20, seed=0)
    text = plot_rounds([forecast(group, config)], tmp_path / "r.svg", [summary]).read_text()
    for actor in group.actors:
        assert escape(actor, quote=False) in text
    assert "Monte Carlo median" in text and "Monte Carlo 5–95 % band (20 runs)" in text


def test_the_legend_lies_inside_the_figure(tmp_path: Path, monkeypatch):
    import matplotlib.pyplot as plt

    from accord.forecast import load_stakeholders

    closed = []
    monkeypatch.setattr(plt, "close", closed.append)
    plot_rounds([forecast(g, ModelConfig(rounds=2)) for g in load_stakeholders("japan-russia-2019")],
                tmp_path / "r.png")
    (figure,) = closed
    renderer = figure.canvas.get_renderer()
    box = figure.bbox
    for ax in figure.axes:
        legend = ax.get_legend().get_window_extent(renderer)
        assert box.x0 <= legend.x0 and legend.x1 <= box.x1 and box.y0 <= legend.y0 and legend.y1 <= box.y1


def test_missing_matplotlib_says_how_to_install(eu10, tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(InputError, match=r"accord\[plots\]"):
        plot_rounds([forecast(eu10)], tmp_path / "r.png")


def test_unknown_plot_format(eu10, tmp_path: Path):
    with pytest.raises(OptionError):
        plot_rounds([forecast(eu10)], tmp_path / "r.jpg")


def test_all_is_complete_and_importable():
    public = {name for name in vars(accord.forecast) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(accord.forecast, name)).__name__ == "module"}
    assert set(accord.forecast.__all__) == public - modules
    for name in accord.forecast.__all__:
        assert getattr(accord.forecast, name) is not None
