"""The bar chart: one bar per item, lengths proportional to the values, signs by direction and colour."""

from __future__ import annotations

import re

import pytest

from accord.reports.bars import LABEL_WIDTH, NEGATIVE, POSITIVE, bars_svg


def bars(svg: str) -> list[dict]:
    return [dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag)) for tag in re.findall(r"<rect [^>]*class=\"bar\"[^>]*>", svg)]


def test_one_bar_per_item_with_length_proportional_to_the_value():
    svg = bars_svg([("a", 0.5), ("b", -0.25), ("c", 0.0)], "drivers", limit=1.0, width=640)
    found = bars(svg)
    assert [b["data-label"] for b in found] == ["a", "b", "c"]
    widths = [float(b["width"]) for b in found]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.1) and widths[2] == 0
    zero = LABEL_WIDTH + (640 - LABEL_WIDTH - 64) / 2
    assert float(found[0]["x"]) == pytest.approx(zero)  # positive bars start at zero and point right
    assert float(found[1]["x"]) + widths[1] == pytest.approx(zero, abs=0.1)  # negative bars end at zero
    assert found[0]["fill"] == POSITIVE and found[1]["fill"] == NEGATIVE
    assert "+50.0%" in svg and "-25.0%" in svg


def test_values_beyond_the_limit_are_clipped_and_labels_escaped():
    svg = bars_svg([("<x>", 3.0)], "t", limit=1.0)
    (bar,) = bars(svg)
    assert float(bar["width"]) == pytest.approx((640 - LABEL_WIDTH - 64) / 2)
    assert "<x>" not in svg and "&lt;x&gt;" in svg


def test_no_items_is_an_empty_chart_not_an_error():
    assert bars(bars_svg([], "none")) == [] and bars_svg([], "none").endswith("</svg>")
