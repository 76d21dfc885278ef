"""Commands ``forecast`` (multi-stakeholder models) and ``divide`` (Adjusted Winner)."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.cli.errors import reports_user_errors
from accord.cli.progress import progress
from accord.cli.screen import screen
from accord.divide import Division, DivideProblem, adjusted_winner, load_divide
from accord.errors import OptionError, check_seed
from accord.forecast import (
    Forecast,
    ModelConfig,
    MonteCarloSummary,
    Stakeholders,
    forecast,
    load_stakeholders,
    model_names,
    monte_carlo,
)
from accord.divide.adjusted_winner import item_label
from accord.reports.fit import fitted

FILE_HELP = "stakeholder file (.csv/.yaml) or the name of a bundled one"


@click.command("forecast")
@click.argument("file", help=FILE_HELP)
@click.option("--model", default="eu", help=f"model: {', '.join(model_names())}")
@click.option("--rounds", type=int, default=10, help="rounds of the eu model")
@click.option("--runs", type=int, default=0, help="Monte Carlo runs over the stated uncertainty (0 = none)")
@click.option("--seed", type=int, default=0, help="seed of the Monte Carlo runs")
@click.option("--q", type=float, default=1.0, help="Q: probability the status quo holds without a challenge")
@click.option("--t", type=float, default=1.0, help="T: probability that a change improves things")
@click.option("--issue", help="run this issue only (default: every issue)")
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of tables")
@click.option("--plot", help="draw positions over rounds to FILE.png or FILE.svg")
@click.option("--workers", type=int, default=1, help="Monte Carlo in this many local processes")
@click.option("--dask", help="Monte Carlo on Dask: tcp://HOST:8786, or 'local'")
@reports_user_errors
def forecast_command(file: str, model: str, rounds: int, runs: int, seed: int, q: float, t: float,
                     issue: str | None, as_json: bool, plot: str | None, workers: int, dask: str | None) -> None:
    """Forecast a multi-stakeholder issue: expected utility (round by round), compromise or weighted median."""
    config = ModelConfig(model=model, rounds=rounds, q=q, t=t)
    if runs < 0:
        raise OptionError(f"runs must be >= 0, not {runs}", source="--runs", fix="use 0 or more")
    check_seed(seed)
    from accord.executors import check_workers

    check_workers(workers)
    groups = _select(load_stakeholders(file), issue, file)
    results = [forecast(group, config) for group in groups]
    summaries = [None] * len(groups)
    if runs:
        from accord.executors import make_executor

        with make_executor(workers, dask) as executor, \
                progress("Monte Carlo runs", runs * len(groups), quiet=as_json) as step:
            def counted(function, tasks):
                for value in executor.map_plain(function, tasks):
                    step()
                    yield value

            summaries = [monte_carlo(group, config, runs, seed, map_fn=counted) for group in groups]
    if plot:
        from accord.cli.drawing import drawing
        from accord.forecast.plot import plot_rounds

        with drawing(plot):
            plot_rounds(results, plot, summaries)
    if as_json:
        documents = [result.to_json(summary) for result, summary in zip(results, summaries)]
        click.echo(json.dumps({"issues": documents}, indent=2, allow_nan=False))
        return
    console = screen()
    for group, result, summary in zip(groups, results, summaries):
        _render_forecast(console, group, result, summary)
    if plot:
        console.print(f"wrote {plot}")


def _select(groups: tuple[Stakeholders, ...], issue: str | None, file: str) -> tuple[Stakeholders, ...]:
    if issue is None:
        return groups
    chosen = tuple(g for g in groups if g.issue == issue)
    if not chosen:
        names = ", ".join(g.issue for g in groups)
        raise OptionError(f"no issue '{issue}' in {file}", source="--issue", fix=f"use one of: {names}")
    return chosen


def _render_forecast(
    console: Console, group: Stakeholders, result: Forecast, summary: MonteCarloSummary | None
) -> None:
    title = f"{result.issue} — model {result.model}"
    console.print(Text.assemble((title, "bold"), f"\nscale: {group.scale}" if group.scale else ""))
    _render_positions(console, result)
    if len(result.rounds) > 1:
        events = Table(title="events", header_style="bold")
        events.add_column("round", justify="right")
        events.add_column("events")
        for r in result.rounds[1:]:
            events.add_row(str(r.number), "; ".join(r.events) or "no moves")
        console.print(fitted(events))
    if result.converged_at is not None:
        console.print(f"Converged: in round {result.converged_at} every actor faces the same danger, so no one "
                      f"moves and round {result.converged_at - 1} is final.")
    console.print(Text.assemble("Forecast: ", (f"{result.final:.6g}", "bold")))
    if summary is not None:
        note = "" if group.uncertain else " (no uncertainty stated in the file: every run equals the forecast)"
        console.print(
            f"Monte Carlo, {len(summary.finals)} runs, seed {summary.seed}: median {summary.median:.6g}, "
            f"5–95% band [{summary.p5:.6g}, {summary.p95:.6g}]{note}"
        )
    console.print()


ACTOR_WIDTH = 24  # longer actor names wrap onto more lines; numbers are never cut


def round_pages(widths: list[int], room: int) -> list[list[int]]:
    """Consecutive column positions grouped so that each group's columns (``widths``, each plus its padding and
    border) fit in ``room`` characters; at least one column per group."""
    pages: list[list[int]] = [[]]
    used = 0
    for position, width in enumerate(widths):
        if pages[-1] and used + width + 3 > room:
            pages.append([])
            used = 0
        pages[-1].append(position)
        used += width + 3
    return pages


def _render_positions(console: Console, result: Forecast) -> None:
    """Positions by round: as many rounds per table as fit the terminal, every number whole."""
    cells = [[f"{r.positions[index]:.4g}" for r in result.rounds] for index in range(len(result.actors))]
    cells.append([f"{r.forecast:.4g}" for r in result.rounds])
    widths = [max(len(str(r.number)), *(len(row[k]) for row in cells)) for k, r in enumerate(result.rounds)]
    actor_width = min(ACTOR_WIDTH, max(len(name) for name in (*result.actors, "forecast")))
    pages = round_pages(widths, console.width - actor_width - 4)
    for page in pages:
        numbers = [result.rounds[k].number for k in page]
        title = "positions by round" + (f" ({numbers[0]}–{numbers[-1]})" if len(pages) > 1 else "")
        table = Table(title=title, header_style="bold")
        table.add_column("actor", max_width=actor_width, overflow="fold")
        for k in page:
            table.add_column(str(result.rounds[k].number), justify="right", no_wrap=True, min_width=widths[k])
        for index, actor in enumerate(result.actors):
            table.add_row(actor, *(cells[index][k] for k in page))
        table.add_row("forecast", *(cells[-1][k] for k in page), style="bold")
        console.print(table)


@click.command("divide")
@click.argument("file", help="divide file (.yaml) or the name of a bundled one")
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of a table")
@reports_user_errors
def divide_command(file: str, as_json: bool) -> None:
    """Divide items between two parties by Adjusted Winner: equitable, envy-free, at most one item split."""
    problem = load_divide(file)
    division = adjusted_winner(problem.points_a, problem.points_b, parties=problem.parties, items=problem.items)
    if as_json:
        click.echo(json.dumps(division.to_json(), indent=2, allow_nan=False))
        return
    _render_divide(screen(), problem, division)


def _render_divide(console: Console, problem: DivideProblem, division: Division) -> None:
    a, b = problem.parties
    table = Table(title=problem.title or "Adjusted Winner", header_style="bold")
    for column, justify in (("item", "left"), (f"{a} points", "right"), (f"{b} points", "right"),
                            (f"{a} share", "right"), (f"{b} share", "right")):
        table.add_column(column, justify=justify)
    for k, item in enumerate(problem.items):
        share = division.shares[k]
        table.add_row(item_label(item), f"{float(division.points_a[k]):.4g}", f"{float(division.points_b[k]):.4g}",
                      f"{float(share):.4g}", f"{float(1 - share):.4g}")
    table.add_row(Text("total", style="bold"), "100", "100", "", "")
    table.add_row("points received", f"{float(division.points[0]):.4g}", f"{float(division.points[1]):.4g}", "", "",
                  style="bold")
    console.print(fitted(table))
    if division.normalised:
        console.print("Points were normalised so that each party's total is 100.")
    console.print(division.explain())


def register(app: click.Group) -> None:
    """Add ``forecast`` and ``divide`` to the ``accord`` group."""
    from accord.io.bundled import bundled_divide_names, bundled_stakeholder_names

    forecast_command.epilog = f"Bundled stakeholder files: {', '.join(bundled_stakeholder_names())}."
    divide_command.epilog = f"Bundled divide files: {', '.join(bundled_divide_names())}."
    app.add_command(forecast_command)
    app.add_command(divide_command)
