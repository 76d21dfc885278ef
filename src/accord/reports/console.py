"""Render an analysis as rich tables an analyst can hand to a reader."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accord.analysis import SOLUTIONS, Analysis
from accord.model import Scenario
from accord.reports.fit import fitted
from accord.wording import counted, label_of


def _label(scenario: Scenario, issue_name: str, value: object) -> str:
    return label_of(scenario.issue(issue_name), value)


def _solutions(analysis: Analysis, short: bool = False) -> Table:
    """One column per bargaining solution (headed by its short label when ``short``, named in the caption); one
    row per issue, then one per party's utility."""
    scenario = analysis.scenario
    caption = "d = reservation values; ties go to the deal with the largest utility sum"
    if short:
        caption = "".join(f"{solution.short}: {solution.title}; " for solution in SOLUTIONS if solution.short) + caption
    table = Table(show_header=True, header_style="bold", title="Bargaining solutions", title_justify="left",
                  caption=caption, caption_justify="left")
    table.add_column("issue", overflow="fold")
    deals = [analysis.solutions[solution.name] for solution in SOLUTIONS]
    for solution in SOLUTIONS:
        table.add_column(short and solution.short or solution.title, overflow="fold")
    for issue in scenario.issues:
        table.add_row(issue.name, *(_label(scenario, issue.name, deal.outcome[issue.name]) for deal in deals))
    table.add_section()
    for column, party in enumerate(scenario.party_names):
        table.add_row(f"utility: {party}", *(f"{deal.utilities[column]:.4f}" for deal in deals), style="bold")
    return table


def _overview(analysis: Analysis) -> Table:
    scenario = analysis.scenario
    table = Table(show_header=True, header_style="bold", title="Parties", title_justify="left")
    table.add_column("party", overflow="fold")
    table.add_column("reservation (no deal)", justify="right", no_wrap=True)
    table.add_column("discount", justify="right", no_wrap=True)
    table.add_column("best deal for them", justify="right", no_wrap=True)
    table.add_column("worst", justify="right", no_wrap=True)
    for column, party in enumerate(scenario.parties):
        table.add_row(party.name, f"{party.reservation:.4f}",
                      "—" if party.discount is None else f"{party.discount:g}",
                      f"{analysis.best[column].utilities[column]:.4f}",
                      f"{analysis.worst[column].utilities[column]:.4f}")
    return table


def _issues(scenario: Scenario) -> Table:
    table = Table(show_header=True, header_style="bold", title="Issues", title_justify="left")
    table.add_column("issue", overflow="fold")
    table.add_column("values", overflow="fold")
    for issue in scenario.issues:
        if issue.kind == "categorical":
            shown = " / ".join(issue.labels or issue.values)
        elif issue.kind == "integer":
            shown = f"integers {issue.low}…{issue.high}"
        else:
            shown = f"{issue.low:g}…{issue.high:g} on a grid of {issue.grid} points"
        table.add_row(issue.name, shown)
    return table


def _frontier(analysis: Analysis, rows: int) -> Table:
    names = analysis.scenario.party_names
    title = (f"Pareto frontier: {counted(len(analysis.pareto_points), 'utility vector')}, "
             f"{counted(analysis.pareto_outcomes, 'outcome')}")
    table = Table(show_header=True, header_style="bold", title_justify="left", title=title,
                  min_width=len(title))  # a two-party table is narrower than its title: keep it on one line
    for name in names:
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("sum", justify="right", no_wrap=True)
    points = analysis.pareto_points
    if len(points) > rows:
        order = points.sum(axis=1).argsort()[::-1][:rows]
        points = points[sorted(order, key=lambda i: tuple(points[i]))]
        table.caption = f"the {rows} frontier points with the largest utility sum"
        table.caption_justify = "left"
    for point in points:
        table.add_row(*(f"{u:.4f}" for u in point), f"{point.sum():.4f}")
    return table


def _ratification(analysis: Analysis) -> Table:
    ratification = analysis.ratification
    table = Table(show_header=True, header_style="bold", title_justify="left",
                  title=f"Domestic ratification: the zone of agreement shrinks from {ratification.zone:,} to "
                        f"{ratification.zone_with_ratification:,} outcomes")
    for column in ("party", "constituency", "threshold", "approves (all outcomes)", "approves (in the zone)"):
        table.add_column(column, justify="left" if column in ("party", "constituency") else "right", overflow="fold")
    for verdict in ratification.constituencies:
        table.add_row(verdict.party, verdict.name, f"{verdict.threshold:g}", f"{verdict.approves:,}",
                      f"{verdict.approves_rational:,}")
    nash = ratification.solutions["nash"]
    if nash is None:
        table.caption = "No deal in the zone of agreement is ratified by every constituency."
    else:
        deal = analysis.deal(nash)
        terms = "; ".join(f"{k}: {_label(analysis.scenario, k, v)}" for k, v in deal.outcome.items())
        table.caption = f"Nash deal among ratifiable outcomes: {terms}"
    table.caption_justify = "left"
    return table


def _win_sets(analysis: Analysis) -> Table:
    ratification = analysis.ratification
    table = Table(show_header=True, header_style="bold", title="Win-sets (outcomes a party can accept)",
                  title_justify="left")
    for column in ("party", "own reservation only", "and ratified at home", "zone of agreement ratified at home"):
        table.add_column(column, justify="left" if column == "party" else "right", overflow="fold")
    for party, size in ratification.win_set.items():
        table.add_row(party, f"{size:,}", f"{ratification.win_set_with_ratification[party]:,}",
                      f"{ratification.zone_with_own_ratification[party]:,}")
    return table


def render(analysis: Analysis, console: Console, frontier_rows: int = 12) -> None:
    """Print the full analysis report."""
    scenario = analysis.scenario
    heading = scenario.title or scenario.name
    summary = (f"{len(scenario.parties)} parties, {len(scenario.issues)} issues, "
               f"{analysis.n_outcomes:,} feasible outcomes")
    if scenario.constraints:
        summary += f" ({counted(len(scenario.constraints), 'hard constraint')})"
    if analysis.has_zone_of_agreement and analysis.rational_outcomes is None:
        zone = ("Zone of agreement: some outcomes are at least as good as no deal for every party (how many is "
                "not counted exactly within the search budget).")
    elif analysis.has_zone_of_agreement:
        share = analysis.rational_outcomes / analysis.n_outcomes if analysis.n_outcomes else 0.0
        zone = (f"Zone of agreement: {analysis.rational_outcomes:,} outcomes ({share:.2%}) are at least as good "
                f"as no deal for every party.")
    else:
        zone = "No zone of agreement: no outcome is at least as good as no deal for every party."
    parts = [summary, zone]
    if scenario.description:
        parts.insert(0, scenario.description.strip())
    # the heading inside the panel wraps; a panel title would be cut mid-word on a narrow terminal
    console.print(Panel(Group(Text(heading, style="bold"), "", "\n\n".join(parts))))
    console.print(fitted(_issues(scenario)))
    console.print(fitted(_overview(analysis)))
    console.print(fitted(_frontier(analysis, frontier_rows)))
    if analysis.has_zone_of_agreement:
        console.print(fitted(_solutions(analysis), _solutions(analysis, short=True), keep_words=(0,)))
    else:
        console.print(Text.assemble(("Solutions:", "bold"), " none — there is no zone of agreement (every "
                                    "bargaining solution needs a deal both sides prefer to walking away)."))
    if analysis.ratification is not None:
        console.print(fitted(_ratification(analysis)))
        console.print(fitted(_win_sets(analysis)))
    notes = list(scenario.notes) + list(analysis.method_notes)
    if notes:
        console.print(Group(*[f"• {note}" for note in notes]), style="dim")
