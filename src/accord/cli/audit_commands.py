"""Command ``audit``: a negotiation record (real or simulated) scored against the scenario's exact frontier."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.cli.errors import USER_ERROR_EXIT, reports_user_errors
from accord.cli.options import as_list, outcome_text
from accord.cli.progress import progress
from accord.cli.screen import screen
from accord.errors import ScenarioError
from accord.reports.fit import fitted

SCENARIO_HELP = "scenario: an Accord .yaml/.json file, a bundled scenario name, or GENIUS/GeniusWeb files"
RECORD_HELP = ("record: a .yaml/.json/.csv record, a simulated session's --json output, or a bundled record "
               "name (e.g. japan-russia-history)")


def _offer_text(offer: dict) -> str:
    """An offer whole, however long: the terminal wraps it at its commas."""
    return outcome_text(offer) or "—"


def _when(move) -> str:
    return move.date if move.date is not None else (str(move.round) if move.round is not None else "")


def _utilities_text(score) -> str:
    if score is None:
        return ""
    if score.low is None:
        return " / ".join(f"{u:.3f}" for u in score.utilities)
    return " / ".join(f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(score.low, score.high))


def _verdict(score, parties) -> str:
    if score is None:
        return ""
    irrational = [p for p, ok in zip(parties, score.rational) if not ok]
    parts = ["rational" if not irrational else "irrational for " + ", ".join(irrational)]
    if score.ratified is not None:
        parts.append("ratified" if score.ratified else "not ratified")
    if not score.complete:
        parts.append(f"zone {score.n_rational:,}/{score.n_completions:,}")
    return "; ".join(parts)


def render(result, console: Console) -> None:
    """The audit as tables readable at 80 columns."""
    parties = result.parties
    title = result.record.title or Path(result.record.source).name
    table = Table(title=f"{result.record.scenario.name}: {title}", show_header=True, header_style="bold",
                  show_lines=True)
    table.add_column("move")
    table.add_column("offer", ratio=3, overflow="fold")
    table.add_column("utility", justify="right", no_wrap=True)
    table.add_column("dist", justify="right", no_wrap=True)
    table.add_column("verdict", ratio=2)
    for entry in result.moves:
        move, score = entry.move, entry.score
        if move.action == "offer":
            offer = _offer_text(entry.offer)
        else:
            offer = f"moves[{move.answers}]" if move.answers is not None else ""
        partial = " (partial)" if score is not None and not score.complete and move.action == "offer" else ""
        table.add_row(f"{move.index} · {_when(move)}\n{move.party}\n{move.action}{partial}", offer,
                      _utilities_text(score).replace(" / ", "\n"),
                      "" if score is None else f"{score.pareto_distance:.3f}", _verdict(score, parties))
    console.print(fitted(table))
    console.print(f"utility: {', '.join(parties)} (top to bottom); a partial offer shows its range over its "
                  "completions, and its verdicts are those of its best completion for the proposer; zone: "
                  "completions every party prefers to no deal; dist: distance to the Pareto frontier.", style="dim")
    concessions = Table(title="Concessions (own utility of own offers)", show_header=True, header_style="bold")
    concessions.add_column("party")
    concessions.add_column("first → last", justify="right")
    concessions.add_column("offers", justify="right")
    concessions.add_column("largest drops (move → move: size)")
    largest = result.largest_concessions()
    for party, curve in result.concessions.items():
        span = f"{curve[0][1]:.3f} → {curve[-1][1]:.3f}" if curve else "—"
        drops = ", ".join(f"{c.before}→{c.after}: {c.size:.3f}" for c in largest[party]) or "none"
        concessions.add_row(party, span, str(len(curve)), drops)
    console.print(fitted(concessions))
    final = result.final
    if final is None:
        console.print(Text.assemble(("no agreement", "bold"), " at the end of the record"))
        return
    console.print(Text.assemble(("agreement", "bold green"), f" on moves[{final.move}]: "
                                + ", ".join(f"{p} {u:.4f}" for p, u in zip(parties, final.utilities))))
    console.print(f"dominated by {final.dominated_by:,} outcomes; left on the table: "
                  + ", ".join(f"{p} +{g:.4f}" for p, g in zip(parties, final.left_on_the_table)))
    for position in final.dominating_frontier[:3]:
        utilities = result.map.utilities[position]
        console.print(f"  frontier deal ({' / '.join(f'{u:.3f}' for u in utilities)}): "
                      f"{_offer_text(result.outcome(position))}")


@click.command("audit")
@click.argument("scenario_paths", metavar="SCENARIO...", nargs=-1, required=True, callback=as_list,
                help=SCENARIO_HELP)
@click.argument("record", metavar="RECORD", help=RECORD_HELP)
@click.option("--json", "as_json", is_flag=True, help="print one JSON document instead of tables")
@click.option("--plot", type=click.Path(path_type=Path), help="draw the offers and the concession timeline to "
                                                               "FILE.png or FILE.svg")
@reports_user_errors
def audit_command(scenario_paths: list[str], record: str, as_json: bool, plot: Path | None) -> None:
    """Score every move of a negotiation record against the scenario's exact frontier."""
    from accord.audit import audit, read_record
    from accord.io import load

    scenario = load(*scenario_paths)
    try:
        checked = read_record(record, scenario, " ".join(scenario_paths))
        with progress("scoring the moves against the exact frontier", None, quiet=as_json):
            result = audit(checked)
    except ScenarioError as error:
        for problem in error.all_errors or (error,):
            click.echo(f"error: {problem.one_line()}", err=True)
        raise click.exceptions.Exit(USER_ERROR_EXIT) from None
    if plot is not None:
        from accord.cli.drawing import drawing
        from accord.reports.audit_plots import plot_audit

        with drawing(plot):
            plot_audit(result, plot)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False))
        return
    render(result, screen())


def register(app: click.Group) -> None:
    """Add ``audit`` to the ``accord`` group."""
    app.add_command(audit_command)
