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


def test_at_80_columns_no_solution_heading_or_issue_name_is_split():
    """The flagship's table cut 'Kalai–Smorodi|nsky' and 'transfer_timi|ng'; with the short labels the SOLUTIONS
    declare ('KS', named in the caption) every heading and issue name is whole."""
    from accord.analysis import SOLUTIONS
    from tests.cli_assertions import assert_readable_tables

    analysis = accord.analyze(accord.load("japan-russia-2019"))
    screen = io.StringIO()
    render(analysis, Console(file=screen, width=80))
    text = screen.getvalue()
    assert_readable_tables(text, headers=("issue", *(solution.short or solution.title for solution in SOLUTIONS)))
    rows = {line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│")}
    assert {issue.name for issue in analysis.scenario.issues} <= rows
    assert "KS: Kalai–Smorodinsky" in " ".join(text.split())


def test_titles_head_the_solutions_where_they_fit():
    from accord.analysis import SOLUTIONS
    from tests.cli_assertions import assert_readable_tables

    screen = io.StringIO()
    render(accord.analyze(accord.load("tests/data/mini.yaml")), Console(file=screen, width=80))
    assert_readable_tables(screen.getvalue(), headers=tuple(solution.title for solution in SOLUTIONS))


def test_three_long_party_names_at_80_columns_keep_every_header_and_number_whole():
    """Three parties with long and CJK names: the frontier table cut two of them to '漁民 F…' and 'Ñandú…' and ran
    past 80 columns; the parties table folded 'Internation|al'."""
    from tests.cli_assertions import assert_readable_tables

    analysis = accord.analyze(accord.load("tests/data/long-names.yaml"))
    screen = io.StringIO()
    render(analysis, Console(file=screen, width=80))
    text = screen.getvalue()
    assert_readable_tables(text, headers=(*analysis.scenario.party_names, "reservation (no deal)", "KS"))
    words = {word for line in text.splitlines() if line.startswith("│") for word in line.replace("│", " ").split()}
    assert {"International", "Infrastructure", "Asia–Pacific", "漁民"} <= words


def test_the_frontier_title_counts_in_words_with_thousands_separators_on_one_line():
    """Beyond enumeration it read 'Pareto frontier: 6 utility' / 'vectors, 5367398400 outcomes' (wrapped to the
    two-party table's width, digits ungrouped), and '1 utility vectors, 1 outcomes' for a single point."""
    exact = accord.analyze(accord.load("tests/data/mini.yaml"))
    many = dataclasses.replace(exact, pareto_outcomes=5_367_398_400)
    screen = io.StringIO()
    render(many, Console(file=screen, width=80))
    title = next(line for line in screen.getvalue().splitlines() if line.startswith("Pareto frontier"))
    assert title.rstrip().endswith(f"{len(exact.pareto_points)} utility vectors, 5,367,398,400 outcomes"), title
    single = dataclasses.replace(exact, pareto_points=exact.pareto_points[:1], pareto_outcomes=1)
    assert "Pareto frontier: 1 utility vector, 1 outcome " in rendered(single)
