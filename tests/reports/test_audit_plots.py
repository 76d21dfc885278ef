"""Audit plots: both panels drawn; beyond two parties the utility space is labelled as a projection."""

from __future__ import annotations

import matplotlib
import pytest

from accord.audit import audit, parse_record
from accord.errors import OptionError
from accord.reports.audit_plots import plot_audit
from tests.audit import reference


def trio_audit():
    scenario = reference.scenario("trio")
    moves = [{"round": 0, "party": "Up", "action": "offer", "offer": {"dam": "large"}},
             {"round": 1, "party": "Down", "action": "offer", "offer": {"dam": "none", "share": 0}}]
    return audit(parse_record({"accord-record": 1, "moves": moves}, scenario))


def test_three_parties_are_drawn_as_a_labelled_projection(tmp_path):
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        path = plot_audit(trio_audit(), tmp_path / "trio.svg")
    text = path.read_text()
    assert "projection on Up × Down of 3 parties" in text
    assert "concession timeline" in text


def test_unknown_formats_are_refused(tmp_path):
    with pytest.raises(OptionError, match="cannot draw"):
        plot_audit(trio_audit(), tmp_path / "trio.pdf")
