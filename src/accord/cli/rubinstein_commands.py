"""Command ``rubinstein``: subgame-perfect alternating offers over a divisible good (Rubinstein 1982)."""

from __future__ import annotations

import json
import math

import click
from rich.console import Console
from rich.table import Table

from accord.cli.errors import reports_user_errors
from accord.cli.screen import screen
from accord.errors import OptionError


def _fix(horizon: int | None) -> str:
    top = "1)" if horizon is None else "1]"
    return f"give two discount factors in [0, {top} separated by a comma, e.g. --discounts 0.9,0.8"


def parse_discounts(text: str, horizon: int | None) -> tuple[float, float]:
    """``"0.9,0.8"`` as ``(0.9, 0.8)``; an ``OptionError`` for anything else (δ = 1 only with a horizon)."""
    from accord.protocols.rubinstein import check_discounts

    parts = [part.strip() for part in text.split(",")]
    try:
        values = tuple(float(part) for part in parts)
    except ValueError:
        raise OptionError(f"'{text}' is not a comma-separated list of numbers", source="--discounts",
                          fix=_fix(horizon)) from None
    if len(values) != 2 or not all(math.isfinite(v) for v in values):
        raise OptionError(f"need two finite discount factors, got '{text}'", source="--discounts", fix=_fix(horizon))
    try:
        check_discounts(values, horizon)
    except ValueError as error:
        raise OptionError(str(error), source="--discounts", fix=_fix(horizon)) from None
    return values  # type: ignore[return-value]


def solve(delta: tuple[float, float], horizon: int | None) -> dict:
    """The command's result as plain data (the ``--json`` document)."""
    from accord.protocols.rubinstein import closed_form, rubinstein, spe_shares

    shares, formula = spe_shares(delta, horizon), closed_form(delta, horizon)
    play = rubinstein(delta, horizon=horizon)
    return {
        "horizon": horizon,
        "parties": [{"discount": d, "share_as_first_proposer": s, "closed_form": f}
                    for d, s, f in zip(delta, shares, formula)],
        "equilibrium": {"first_proposer": 0, "agreement": play.agreement, "round": play.round,
                        "shares": list(play.shares) if play.shares else None, "utilities": list(play.utilities)},
    }


def _render(document: dict, console: Console) -> None:
    horizon = document["horizon"]
    deltas = [p["discount"] for p in document["parties"]]
    console.print(f"Rubinstein alternating offers, δ = ({deltas[0]:g}, {deltas[1]:g}), "
                  + ("infinite horizon" if horizon is None else f"horizon {horizon} rounds"))
    table = Table(show_header=True, header_style="bold")
    table.add_column("party")
    table.add_column("δ", justify="right")
    table.add_column("keeps as first proposer", justify="right")
    table.add_column("closed form " + ("(1 − δⱼ)/(1 − δ₁δ₂)" if horizon is None else f"(T = {horizon})"),
                     justify="right")
    for k, party in enumerate(document["parties"], start=1):
        table.add_row(str(k), f"{party['discount']:g}", f"{party['share_as_first_proposer']:.12f}",
                      f"{party['closed_form']:.12f}")
    console.print(table)
    play = document["equilibrium"]
    if not play["agreement"]:
        console.print("equilibrium play: no agreement")
        return
    proposer = 1 + play["round"] % 2
    console.print(f"equilibrium play: party {proposer} proposes in round {play['round']}, "
                  f"party {3 - proposer} accepts")
    for label, values in (("shares", play["shares"]), ("discounted utilities", play["utilities"])):
        console.print(f"{label}: " + ", ".join(f"party {k} {v:.12f}" for k, v in enumerate(values, start=1)))


@click.command("rubinstein")
@click.option("--discounts", required=True,
              help="the two parties' discount factors δ₁,δ₂ in [0, 1); party 1 proposes first")
@click.option("--horizon", type=int, help="the game ends after this many rounds (default: never); δ = 1 is then "
                                          "allowed")
@click.option("--json", "as_json", is_flag=True, help="print one JSON document instead of a table")
@reports_user_errors
def rubinstein_command(discounts: str, horizon: int | None, as_json: bool) -> None:
    """Subgame-perfect shares of a divisible good under alternating offers with discounting (Rubinstein 1982)."""
    if horizon is not None and horizon < 1:
        raise OptionError(f"the horizon must be at least 1 round, got {horizon}", source="--horizon",
                          fix="give --horizon 1 or more, or leave it out for an infinite horizon")
    document = solve(parse_discounts(discounts, horizon), horizon)
    if as_json:
        click.echo(json.dumps(document, allow_nan=False))
        return
    _render(document, screen())


def register(app: click.Group) -> None:
    """Add ``rubinstein`` to the ``accord`` group."""
    app.add_command(rubinstein_command)
