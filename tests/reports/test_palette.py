"""One palette for the parties: every view colours party k alike; the off-axis scale covers [0, 1]."""

from __future__ import annotations

from accord.reports.palette import PARTY_COLOURS, UTILITY_SCALE, party_colour, scale_band


def test_party_colours_are_distinct_and_cycle():
    assert len(set(PARTY_COLOURS)) == len(PARTY_COLOURS)
    assert [party_colour(k) for k in range(3)] == list(PARTY_COLOURS[:3])
    assert party_colour(len(PARTY_COLOURS)) == PARTY_COLOURS[0]


def test_scale_bands_split_the_unit_interval_evenly():
    bands = [scale_band(k / 100) for k in range(101)]
    assert bands[0] == 0 and bands[-1] == len(UTILITY_SCALE) - 1
    assert bands == sorted(bands)
    assert [bands.count(b) for b in range(len(UTILITY_SCALE))] == [20, 20, 20, 20, 21]
    assert scale_band(-0.5) == 0 and scale_band(1.5) == len(UTILITY_SCALE) - 1
