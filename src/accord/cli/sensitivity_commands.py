"""``accord sensitivity``: how the zone of agreement and the Nash deal move with uncertain inputs."""

from __future__ import annotations

import json

import click
import numpy as np
from rich.console import Console
from rich.table import Table

from accord.analysis.sensitivity import MAX_GRID_CELLS, check_noise, reservation_grid, weight_noise
from accord.cli.errors import reports_user_errors
from accord.cli.options import as_list, outcome_text
from accord.cli.progress import progress
from accord.cli.screen import screen
from accord.errors import OptionError, ScenarioError
from accord.io.load import load_each
from accord.reports.fit import fitted
from accord.wording import value_text


def parse_range(text: str) -> tuple[str, list[float]]:
    """``PARTY=LOW:HIGH:STEPS`` or ``PARTY=v1,v2,...`` → (party, values)."""
    party, sep, values = text.partition("=")
    fix = "write PARTY=LOW:HIGH:STEPS (e.g. Japan=0.4:0.5:5) or PARTY=v1,v2,..."
    if not sep or not party or not values:
        raise OptionError(f"cannot read '{text}'", source="--reservation", fix=fix)
    try:
        if ":" in values:
            low, high, steps = values.split(":")
            if int(steps) < 1:
                raise ValueError
            if int(steps) > MAX_GRID_CELLS:
                raise OptionError(f"{int(steps):,} steps in '{text}'; at most {MAX_GRID_CELLS:,}",
                                  source="--reservation", fix="give fewer steps")
            grid = [round(float(v), 10) for v in np.linspace(float(low), float(high), int(steps))]
        else:
            grid = [float(v) for v in values.split(",")]
    except ValueError:
        raise OptionError(f"cannot read '{text}'", source="--reservation", fix=fix) from None
    if any(not 0.0 <= v <= 1.0 for v in grid):
        raise OptionError(f"reservation values in '{text}' must lie in [0, 1]", source="--reservation",
                          fix="use values between 0 and 1")
    return party.strip(), grid


def split_deals(deals: list[dict | None]) -> tuple[dict, list[str]]:
    """The issue values every Nash deal of the grid shares, and the issues whose value changes from cell to cell
    (in the order of the deals' issues); cells without a deal (``None``) share nothing and change nothing."""
    found = [deal for deal in deals if deal is not None]
    if not found:
        return {}, []
    changing = [name for name in found[0] if len({str(deal[name]) for deal in found}) > 1]
    return {name: value for name, value in found[0].items() if name not in changing}, changing


SEPARATE_COLUMNS = 2  # more changing issues share one column ("name=value, ...") so the table fits
DEAL_MIN_WIDTH = 12  # long party names wrap in their headers before the deal column is squeezed away


def _render_grid(console: Console, scenario, cells) -> None:
    """The reservation grid showing only what changes from cell to cell; what stays the same is said once."""
    table = Table(title="Zone of agreement and Nash deal over reservation values", title_justify="left",
                  header_style="bold")
    varied = [k for k in range(len(scenario.parties)) if len({cell.reservation[k] for cell in cells}) > 1]
    shared, changing = split_deals([cell.nash for cell in cells])
    for k in varied:
        table.add_column(f"d {scenario.parties[k].name}", justify="right", overflow="fold", min_width=5)
    table.add_column("rational\noutcomes", justify="right", overflow="fold", min_width=7)
    together = len(changing) > SEPARATE_COLUMNS
    headers = ["Nash deal: " + ", ".join(changing)] if together else [f"Nash: {name}" for name in changing]
    for header in headers or ["Nash deal"]:
        table.add_column(header, overflow="fold", min_width=DEAL_MIN_WIDTH)
    for cell in cells:
        if cell.nash is None:
            deal = ["no zone of agreement"] + [""] * (len(headers) - 1)
        elif together:
            deal = [outcome_text({name: cell.nash[name] for name in changing})]
        else:
            deal = [value_text(cell.nash[name]) for name in changing] or ["as below"]
        table.add_row(*(f"{cell.reservation[k]:.3f}" for k in varied), f"{cell.rational_outcomes:,}", *deal)
    console.print(fitted(table))
    fixed = [k for k in range(len(scenario.parties)) if k not in varied]
    if fixed:
        console.print("Reservation values in every cell: " + ", ".join(
            f"{scenario.parties[k].name} {cells[0].reservation[k]:.3f}" for k in fixed) + ".")
    if shared:
        console.print("In every cell with a deal, the Nash deal has " + outcome_text(shared, " = ") + ".")


@click.command("sensitivity")
@click.argument("paths", nargs=-1, required=True, callback=as_list,
                help="a scenario (anything `accord analyze` accepts)")
@click.option("--reservation", multiple=True, help="PARTY=LOW:HIGH:STEPS or PARTY=v1,v2 (repeat per party)")
@click.option("--weight-noise", "weight_noise_scale", type=float, default=0.0,
              help="log-normal σ on every weight (0 = skip)")
@click.option("--runs", type=int, default=100, help="weight-noise runs")
@click.option("--seed", type=int, default=0, help="seed of the weight noise")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@reports_user_errors(flags={"scale": "--weight-noise"})
def sensitivity_command(paths: list[str], reservation: tuple[str, ...], weight_noise_scale: float, runs: int,
                        seed: int, as_json: bool) -> None:
    """Sensitivity: zone of agreement and Nash deal over a grid of reservation values, and the Nash deal's
    robustness to noise in the weights."""
    check_noise(weight_noise_scale, seed)  # before loading, and even when the noise is skipped
    loaded = load_each(paths)
    if len(loaded) != 1:
        raise OptionError("give one scenario", source="PATHS", fix="run the command once per scenario")
    source, scenario = loaded[0]
    ranges = dict(parse_range(text) for text in reservation)
    if not ranges and weight_noise_scale == 0:
        ranges = {party.name: [float(v) for v in np.linspace(max(0, party.reservation - 0.05),
                                                             min(1, party.reservation + 0.05), 3)]
                  for party in scenario.parties}
    size = int(np.prod([len(values) for values in ranges.values()])) if ranges else 0
    noisy = runs if weight_noise_scale > 0 else 0
    try:
        with progress("reservation grid" if ranges else "weight noise", size + noisy or None, quiet=as_json) as step:
            cells = reservation_grid(scenario, ranges, tick=step) if ranges else []
            step(0, description="weight noise")
            noise = weight_noise(scenario, runs, weight_noise_scale, seed, tick=step) if noisy else None
    except ScenarioError as error:
        raise error.located(source, replacing=scenario.name) from None
    if as_json:
        click.echo(json.dumps({
            "scenario": scenario.name, "parties": list(scenario.party_names),
            "reservation_grid": [vars(cell) for cell in cells],
            "weight_noise": None if noise is None else vars(noise)}, indent=2, default=str))
        return
    console = screen()
    if cells:
        _render_grid(console, scenario, cells)
    if noise is not None:
        console.print(f"Weight noise σ={noise.scale:g}, {noise.runs} runs (seed {noise.seed}): the Nash deal is "
                      f"unchanged in {noise.same_nash} runs; no zone of agreement in {noise.no_zone}.")
        table = Table(title="How often each option is in the Nash deal", title_justify="left",
                      header_style="bold")
        table.add_column("issue", overflow="fold")
        table.add_column("options (share of runs)", overflow="fold")
        for issue, options in noise.option_frequency.items():
            text = {str(v): value_text(v) for v in scenario.issue(issue).values}  # keys are str(value)
            shown = ", ".join(f"{text.get(v, v)} {share:.0%}"
                              for v, share in sorted(options.items(), key=lambda kv: -kv[1]) if share > 0)
            table.add_row(issue, shown)
        console.print(fitted(table, keep_words=(0,)))


def register(app: click.Group) -> None:
    """Add ``sensitivity`` to the ``accord`` group."""
    app.add_command(sensitivity_command)
