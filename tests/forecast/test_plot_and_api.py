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


def test_missing_matplotlib_says_how_to_install(eu10, tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(InputError, match=r"pip install accord\[plots\]"):
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
