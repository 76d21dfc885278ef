"""``accord sensitivity``: how the zone of agreement and the Nash deal move with uncertain inputs."""

from __future__ import annotations

import json
from typing import Annotated

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from accord.analysis.sensitivity import MAX_GRID_CELLS, check_noise, reservation_grid, weight_noise
from accord.cli.errors import reports_user_errors
from accord.errors import OptionError, ScenarioError
from accord.io.load import load_each


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


def _compact(outcome: dict | None) -> str:
    return "—" if outcome is None else ", ".join(f"{k}={v}" for k, v in outcome.items())


@reports_user_errors(flags={"scale": "--weight-noise"})
def sensitivity_command(
    paths: Annotated[list[str], typer.Argument(help="a scenario (anything `accord analyze` accepts)",
                                               show_default=False)],
    reservation: Annotated[list[str], typer.Option(
        "--reservation", help="PARTY=LOW:HIGH:STEPS or PARTY=v1,v2 (repeat per party)")] = [],  # noqa: B006
    weight_noise_scale: Annotated[float, typer.Option("--weight-noise", help="log-normal σ on every weight "
                                                                             "(0 = skip)")] = 0.0,
    runs: Annotated[int, typer.Option(help="weight-noise runs")] = 100,
    seed: Annotated[int, typer.Option(help="seed of the weight noise")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
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
    try:
        cells = reservation_grid(scenario, ranges) if ranges else []
        noise = weight_noise(scenario, runs, weight_noise_scale, seed) if weight_noise_scale > 0 else None
    except ScenarioError as error:
        raise error.located(source, replacing=scenario.name) from None
    if as_json:
        typer.echo(json.dumps({
            "scenario": scenario.name, "parties": list(scenario.party_names),
            "reservation_grid": [vars(cell) for cell in cells],
            "weight_noise": None if noise is None else vars(noise)}, indent=2, default=str))
        return
    console = Console()
    if cells:
        table = Table(title="Zone of agreement and Nash deal over reservation values", title_justify="left",
                      header_style="bold")
        for name in scenario.party_names:
            table.add_column(f"d {name}", justify="right")
        table.add_column("rational outcomes", justify="right")
        table.add_column("Nash deal")
        for cell in cells:
            table.add_row(*(f"{r:.3f}" for r in cell.reservation), f"{cell.rational_outcomes:,}",
                          _compact(cell.nash))
        console.print(table)
    if noise is not None:
        console.print(f"Weight noise σ={noise.scale:g}, {noise.runs} runs (seed {noise.seed}): the Nash deal is "
                      f"unchanged in {noise.same_nash} runs; no zone of agreement in {noise.no_zone}.")
        table = Table(title="How often each option is in the Nash deal", title_justify="left",
                      header_style="bold")
        table.add_column("issue")
        table.add_column("options (share of runs)")
        for issue, options in noise.option_frequency.items():
            shown = ", ".join(f"{v} {share:.0%}" for v, share in sorted(options.items(), key=lambda kv: -kv[1])
                              if share > 0)
            table.add_row(issue, shown)
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("sensitivity")(sensitivity_command)
