"""``convert``: what each target keeps and what it reports as lost."""

from __future__ import annotations

import pytest

from accord.io.accord_format import scenario_to_dict
from accord.io.convert import convert
from accord.io.load import load_accord
from tests.robust.scenarios import scenario, wide


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
        "the distributions on 8 number(s) (parties[0].reservation, parties[0].utility.values.a.y, "
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
