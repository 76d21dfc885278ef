"""Commands ``simulate`` (one negotiation session, traced) and ``strategies`` (the strategy registry)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from accord.cli.errors import reports_user_errors
from accord.cli.options import as_list, names, outcome_text
from accord.errors import InputError, OptionError, ScenarioError
from accord.protocols.registry import protocol_names

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

SCENARIO_HELP = "scenario: an Accord .yaml/.json file, a bundled scenario name, or GENIUS/GeniusWeb files"


def _compact(offer: dict | None) -> str:
    if offer is None:
        return "—"
    return outcome_text(offer)


def _move(row: dict) -> Text:
    """Who did what, the offer on the lines below: the offer gets the table's width, whatever the parties."""
    from rich.text import Text

    move = Text(f"{row['party']}: {row['action']}", style="bold")
    if row["offer"] is not None:
        move.append("\n" + outcome_text(row["offer"]))
    return move


def _render(result, console: Console, rows: int) -> None:
    from rich.table import Table
    from rich.text import Text

    from accord.reports.fit import fitted

    table = Table(show_header=True, header_style="bold", title=f"{result.scenario}: "
                  f"{' vs '.join(result.strategies)} ({result.protocol})")
    table.add_column("round", justify="right")
    table.add_column("move", overflow="fold")
    for party in result.parties:
        table.add_column(f"u {party}", justify="right")
    trace = result.trace
    shown = trace if rows <= 0 or len(trace) <= rows else trace[: rows // 2] + [None] + trace[-(rows - rows // 2):]
    for row in shown:
        if row is None:
            table.add_row("…", f"{len(trace) - rows} rows", *[""] * len(result.parties))
            continue
        utilities = [f"{u:.3f}" for u in row["utilities"]] or [""] * len(result.parties)
        table.add_row(str(row["round"]), _move(row), *utilities)
    console.print(fitted(table, keep_words=(1,)))  # the moves before the utilities' headers
    if result.trace_truncated:
        console.print(f"the trace keeps the last {len(trace):,} rows of this session (earlier rows were not kept)")
    if result.agreement:
        console.print(Text.assemble(("agreement", "bold green"),
                                    f" after {result.rounds} rounds: {_compact(result.outcome)}"))
    else:
        why = result.ended_by
        if result.fault is not None:
            why += f" — {result.breakdown_by}: {result.fault.kind}: {result.fault.message}"
        elif result.breakdown_by:
            why += f" — {result.breakdown_by} walked away"
        console.print(Text.assemble(("no agreement", "bold red"), f" after {result.rounds} rounds ({why})"))
    console.print("utilities: " + ", ".join(f"{p} {u:.4f}" for p, u in zip(result.parties, result.utilities)))
    nash = (", ".join(f"{u:.4f}" for u in result.nash_utilities) if result.nash_utilities else "none")
    console.print(f"distance to the Pareto frontier {result.pareto_distance:.4f}; to the Nash point ({nash}) "
                  f"{result.nash_distance:.4f}")
    if result.ratified is not None:
        rejected = " at home: rejected by " + ", ".join(result.rejected_by)
        console.print("ratified at home by every constituency" if result.ratified else
                      Text.assemble(("not ratified", "bold red"), rejected))


@click.command("simulate")
@click.argument("paths", nargs=-1, required=True, callback=as_list, help=SCENARIO_HELP)
@click.option("--strategies", help="one strategy per party, comma-separated (see 'accord strategies')")
@click.option("--protocol", default="sao", help=", ".join(protocol_names()))
@click.option("--rounds", type=int, default=100, help="deadline in rounds (a round is one turn per party)")
@click.option("--seconds", type=float, help="deadline in seconds (the trace then depends on the machine)")
@click.option("--seed", type=int, default=0, help="random seed; the same seed gives the same trace")
@click.option("--budget", type=float, default=1.0, help="seconds one strategy call may take")
@click.option("--json", "as_json", is_flag=True, help="print one JSON document instead of tables")
@click.option("--trace-csv", type=click.Path(path_type=Path), help="write the trace to this CSV file")
@click.option("--trace-json", type=click.Path(path_type=Path), help="write the trace to this JSON file")
@click.option("--plot", type=click.Path(path_type=Path), help="draw the utility space to FILE.png or FILE.svg")
@click.option("--plot-axes", help="the two parties the plot draws, comma-separated names or numbers from 1 "
                                  "(default: the first two; with three or more parties the plot is a projection)")
@click.option("--rows", type=click.IntRange(min=0), default=40, help="trace rows to show (0: all)")
@reports_user_errors
def simulate_command(paths: list[str], strategies: str | None, protocol: str, rounds: int | None,
                     seconds: float | None, seed: int, budget: float, as_json: bool, trace_csv: Path | None,
                     trace_json: Path | None, plot: Path | None, plot_axes: str | None, rows: int) -> None:
    """Negotiate a scenario once with one strategy per party and show the trace and the result."""
    from accord.io import load
    from accord.simulate import prepare, run_session
    from accord.simulate.session import check_options

    check_options(protocol, rounds, seconds, budget, seed)  # before loading the scenario
    scenario = load(*paths)
    if plot is not None:
        from accord.reports.plots import plot_axes as resolve_axes

        axes = resolve_axes(scenario.party_names, plot_axes.split(",") if plot_axes else None)
    try:
        prepared = prepare(scenario)
    except InputError as error:
        raise error.located(" ".join(paths), replacing=scenario.name) from None
    if plot is not None and prepared.searches:
        raise OptionError(f"the plot draws every outcome; {scenario.name} has {prepared.n_outcomes:,}, too many to "
                          "enumerate", parameter="plot", fix="leave the plot out")
    try:
        result = run_session(prepared, names(strategies), protocol=protocol, rounds=rounds, seconds=seconds,
                             seed=seed, budget=budget)
    except ScenarioError as error:  # about the scenario (too few parties): name the file the user gave
        raise error.located(" ".join(paths), replacing=scenario.name) from None
    for target, write in ((trace_csv, result.trace_csv), (trace_json, result.trace_json)):
        if target is not None:
            try:
                Path(target).write_text(write(), encoding="utf-8")
            except OSError as error:
                raise InputError(f"cannot write the trace ({error.strerror})", source=str(target),
                                 fix="check the folder") from None
    if plot is not None:
        from accord.cli.drawing import drawing
        from accord.reports.plots import plot_session

        with drawing(plot):
            plot_session(result, prepared, plot, seed=seed, axes=axes)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False))
        return
    from accord.cli.screen import screen

    _render(result, screen(), rows)


@click.command("strategies")
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of a table")
@reports_user_errors
def strategies_command(as_json: bool) -> None:
    """List the negotiation strategies: built-ins and plugins (entry-point group 'accord.strategies')."""
    from accord.strategies import registry

    known = registry()
    if as_json:
        click.echo(json.dumps([info.to_json() for info in known.values()]))
        return
    from rich.table import Table

    from accord.cli.screen import screen

    # one column of traits instead of three yes/no columns leaves the description room at 80 columns
    table = Table(show_header=True, header_style="bold")
    table.add_column("name", no_wrap=True)
    table.add_column("concedes on; traits", max_width=16)
    table.add_column("description", ratio=1, min_width=30)
    for info in known.values():
        kind = info.classifier
        traits = [kind.concession] + ["stochastic"] * kind.stochastic + ["opponent model"] * kind.opponent_model
        table.add_row(info.name, "; ".join(traits), info.description)
    screen().print(table)


def register(app: click.Group) -> None:
    """Add ``simulate`` and ``strategies`` to the ``accord`` group."""
    app.add_command(simulate_command)
    app.add_command(strategies_command)
