"""``accord robust``: how likely a (ratifiable) zone of agreement is under the scenario's distributions."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from accord.cli.errors import reports_user_errors
from accord.cli.options import as_list, outcome_text
from accord.analysis.solutions import SOLUTIONS
from accord.cli.screen import screen
from accord.errors import OptionError, ScenarioError
from accord.io.load import load_each
from accord.reports.fit import fitted
from accord.robust import robust
from accord.robust.estimate import check_run
from accord.executors import make_executor

SHOWN_PACKAGES = 10
SHOWN_DRIVERS = 12


def _pct(estimate: dict) -> str:
    return f"{estimate['value']:.1%} ± {estimate['se']:.1%}"


def _compact(outcome: dict) -> str:
    return outcome_text(outcome)


def _show(document: dict, console: Console) -> None:
    console.print(f"{document['samples']:,} samples (seed {document['seed']}) of {len(document['parameters'])} "
                  f"uncertain numbers over {document['n_outcomes']:,} outcomes")
    console.print(f"P(zone of agreement)            {_pct(document['p_zone'])}")
    console.print(f"P(ratifiable zone of agreement) {_pct(document['p_ratifiable_zone'])}   (± one standard error)")
    deal = document["robust_deal"]
    if deal is None:
        console.print("Robust deal: none (no package was rational and ratified in any sample)")
    else:
        console.print(f"Robust deal: {_compact(deal['outcome'])}")
        console.print(f"  P(rational) {deal['p_rational']:.1%}, P(rational and ratified) {deal['p_ratified']:.1%}")
        for name, median, low, high in zip(document["parties"], *deal["utilities"].values()):
            console.print(f"  {name}: utility {median:.3f} (5–95 %: {low:.3f}–{high:.3f})")
    table = Table(title="Packages most often rational", title_justify="left", header_style="bold")
    for column in ("package", "rational", "ratified", "Pareto", *(s.short or s.title for s in SOLUTIONS)):
        table.add_column(column, justify="left" if column == "package" else "right", overflow="fold")
    for p in document["packages"][:SHOWN_PACKAGES]:
        table.add_row(_compact(p["outcome"]), *(f"{p[k]:.0%}" for k in ("p_rational", "p_ratified", "p_pareto")),
                      *(f"{p['p_solution'][s.name]:.0%}" for s in SOLUTIONS))
    console.print(fitted(table))
    table = Table(title="Which assumption matters (for 'a ratifiable zone exists')", title_justify="left",
                  header_style="bold")
    for column in ("uncertain number", "rank correlation", "ΔP top − bottom decile"):
        table.add_column(column, justify="left" if column == "uncertain number" else "right", overflow="fold")
    for d in document["drivers"][:SHOWN_DRIVERS]:
        table.add_row(d["parameter"], f"{d['rank_correlation']:+.2f}", f"{d['delta_p']:+.1%}")
    console.print(fitted(table))


@click.command("robust")
@click.argument("paths", nargs=-1, required=True, callback=as_list,
                help="a scenario with distributions (anything `accord analyze` accepts)")
@click.option("--samples", type=int, default=1000, help="sampled scenarios")
@click.option("--seed", type=int, default=0, help="seed of the draws")
@click.option("--workers", type=int, help="local worker processes")
@click.option("--dask", help="a Dask scheduler address, or 'local'")
@click.option("--json", "as_json", is_flag=True, help="print one JSON document")
@click.option("--all", "all_packages", is_flag=True, help="every package in --json (not the top 50)")
@reports_user_errors
def robust_command(paths: list[str], samples: int, seed: int, workers: int | None, dask: str | None, as_json: bool,
                   all_packages: bool) -> None:
    """Uncertain preferences: how likely a zone of agreement and a ratifiable one are, the package most likely
    to hold, and which assumption matters most."""
    check_run(samples, seed)
    loaded = load_each(paths)
    if len(loaded) != 1:
        raise OptionError("give one scenario", source="PATHS", fix="run the command once per scenario")
    source, scenario = loaded[0]
    quiet = as_json or not sys.stderr.isatty()
    try:
        with make_executor(workers, dask) as executor:
            if quiet:
                result = robust(scenario, samples, seed, executor)
            else:
                with Progress(TextColumn("[bold]samples"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                              console=Console(stderr=True), transient=True) as bar:
                    task = bar.add_task("samples", total=samples)
                    result = robust(scenario, samples, seed, executor,
                                    progress=lambda done, total: bar.update(task, completed=done))
    except ScenarioError as error:
        raise error.located(source, replacing=scenario.name) from None
    document = result.to_json(all_packages=all_packages)
    if as_json:
        click.echo(json.dumps(document, indent=2))
        return
    if not scenario.uncertainty:
        Console(stderr=True).print("note: the scenario states no distributions, so every probability is 0 or 1")
    _show(document, screen())


def register(app: click.Group) -> None:
    """Add ``robust`` to the ``accord`` group."""
    app.add_command(robust_command)
