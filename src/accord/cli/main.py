"""The ``accord`` command line: one Click group, one module per command group.

Each command module defines ``register(app)``. ``COMMANDS`` maps every command to its module, so that running
one command imports only its own module (start-up stays fast). ``accord --help`` and unknown commands load no
command module: they list ``SUMMARIES``, the first paragraph of each command's help (a test keeps them equal).
"""

from __future__ import annotations

import gc
import importlib
import sys
from functools import cache

import click

COMMANDS = {
    "analyze": "scenario_commands",
    "scenarios": "scenario_commands",
    "validate": "scenario_commands",
    "convert": "scenario_commands",
    "sensitivity": "sensitivity_commands",
    "robust": "robust_commands",
    "simulate": "simulate_commands",
    "strategies": "simulate_commands",
    "rubinstein": "rubinstein_commands",
    "tournament": "tournament_commands",
    "results": "tournament_commands",
    "forecast": "forecast_commands",
    "divide": "forecast_commands",
    "serve": "web_commands",
    "report": "web_commands",
    "audit": "audit_commands",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))
SUMMARIES = {
    "analyze": "Analyse a scenario: zone of agreement, Pareto frontier, Nash / Kalai–Smorodinsky / egalitarian / "
               "utilitarian deals.",
    "scenarios": "List the scenarios bundled with Accord.",
    "validate": "Check scenario files and report every error in each at once.",
    "convert": "Convert a scenario between Accord YAML/JSON, GENIUS XML and GeniusWeb JSON, saying what is lost.",
    "sensitivity": "Sensitivity: zone of agreement and Nash deal over a grid of reservation values, and the Nash "
                   "deal's robustness to noise in the weights.",
    "simulate": "Negotiate a scenario once with one strategy per party and show the trace and the result.",
    "strategies": "List the negotiation strategies: built-ins and plugins (entry-point group 'accord.strategies').",
    "rubinstein": "Subgame-perfect shares of a divisible good under alternating offers with discounting "
                  "(Rubinstein 1982).",
    "tournament": "Run every pairing of strategies on every scenario (both role assignments) × repetitions, storing "
                  "each session; rerun the same command to resume after an interruption.",
    "results": "Show the ranking stored in a tournament database (complete or not).",
    "forecast": "Forecast a multi-stakeholder issue: expected utility (round by round), compromise or weighted "
                "median.",
    "divide": "Divide items between two parties by Adjusted Winner: equitable, envy-free, at most one item split.",
    "serve": "Start the local web workbench: scenarios, what-if analysis, simulation, forecast.",
    "report": "Write one self-contained HTML report: analysis tables, the utility-space plot, a simulation, a "
              "forecast.",
    "robust": "Uncertain preferences: how likely a zone of agreement and a ratifiable one are, the package most "
              "likely to hold, and which assumption matters most.",
    "audit": "Score every move of a negotiation record against the scenario's exact frontier.",
}


class _Group(click.Group):
    """A group that lists its commands in the order they were added (the order of ``SUMMARIES``), not sorted."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def _empty_app() -> click.Group:
    """The ``accord`` group without commands."""
    return _Group(
        name="accord",
        help="Model, analyse, simulate and forecast negotiations.",
        no_args_is_help=True,
        context_settings={"show_default": True},  # every option's default in its help, unless it says otherwise
    )


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> click.Group:
    """The group with the commands of ``modules``."""
    app = _empty_app()
    for name in modules:
        importlib.import_module(f"accord.cli.{name}").register(app)
    return app


@cache
def full_app() -> click.Group:
    """The group with every command (for ``--help`` and for tests)."""
    return build_app()


def __getattr__(name: str):
    if name == "app":
        return full_app()
    raise AttributeError(name)


def summary_app() -> click.Group:
    """The group for ``accord --help`` and unknown commands: every command with its summary, no command module
    imported (a command is only ever run through its own module's group)."""
    app = _empty_app()
    for name, summary in SUMMARIES.items():
        app.add_command(click.Command(name, help=summary, short_help=summary))
    return app


def _app_for(argv: list[str]) -> click.Group:
    command = argv[0] if argv else None  # the group has no options but --help, so a command comes first
    if command in COMMANDS:
        return build_app((COMMANDS[command],))
    return summary_app()


def main(argv: list[str] | None = None, app: click.Group | None = None) -> int:
    """Console entry point: usage errors become one line on stderr with exit code 2. ``app``: the group built
    for ``argv`` already (by :func:`run`)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        code = (app or _app_for(argv)).main(args=argv, prog_name="accord", standalone_mode=False)
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as error:  # usage errors: unknown option, bad value, missing argument
        context = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
            click.echo(context.get_help())
            return 0
        command = context.command_path if context is not None else "accord"
        message = " ".join(error.format_message().split()).removesuffix(".")  # no ".;" before the hint
        click.echo(f"error: {command}: {message}; see '{command} --help'", err=True)
        return getattr(error, "exit_code", 2) or 2
    return code if isinstance(code, int) else 0


def run() -> None:
    """The ``accord`` console script. While the command's modules import, no garbage is collected: what they
    build lives as long as the process, so collecting would only scan it again and again (about a sixth of the
    CPU time of a small ``accord analyze``); it is then frozen, so that later collections skip it too."""
    argv = sys.argv[1:]
    gc.disable()
    try:
        app = _app_for(argv)
    finally:
        gc.freeze()
        gc.enable()
    sys.exit(main(argv, app))


if __name__ == "__main__":
    run()
