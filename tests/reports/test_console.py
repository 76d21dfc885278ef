"""The terminal analysis report: what it says when a count is beyond its budget, and the method's notes."""

from __future__ import annotations

import dataclasses
import io

from rich.console import Console

import accord
from accord.reports.console import render


def rendered(analysis) -> str:
    """The report at 80 columns as one line of words (panel borders and wrapping removed)."""
    screen = io.StringIO()
    render(analysis, Console(file=screen, width=80))
    return " ".join(screen.getvalue().replace("│", " ").split())


def test_an_uncounted_zone_is_said_in_words_with_the_methods_note():
    """Beyond enumeration an additive scenario with many distinct sums leaves rational_outcomes null: the report
    raised TypeError (None / int) and never showed why the count is missing."""
    exact = accord.analyze(accord.load("tests/data/mini.yaml"))
    note = "rational_outcomes is null: counting them exactly needs more than the search budget"
    uncounted = dataclasses.replace(exact, rational_outcomes=None, zone=True, method_notes=(note,))
    text = rendered(uncounted)
    assert "Zone of agreement: some outcomes are at least as good as no deal for every party" in text
    assert "not counted exactly" in text and "rational_outcomes is null" in text


def test_a_counted_zone_gives_its_size_and_share():
    text = rendered(accord.analyze(accord.load("tests/data/mini.yaml")))
    assert "Zone of agreement:" in text and "outcomes (" in text
