"""The ``accord`` command line: one Typer app, one module per command group.

Each command module defines ``register(app)``. ``COMMANDS`` maps every command to its module, so that running
one command imports only its own module (start-up stays fast). ``accord --help`` and unknown commands load no
command module: they list ``SUMMARIES``, the first paragraph of each command's help (a test keeps them equal).
"""

from __future__ import annotations

import importlib
import sys
from functools import cache

import typer

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


def _empty_app() -> typer.Typer:
    """The ``accord`` group without commands."""
    app = typer.Typer(
        name="accord",
        help="Model, analyse, simulate and forecast negotiations.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain help: rendering it with Rich would double the start-up of --help
    )

    @app.callback()
    def _group() -> None:
        """Model, analyse, simulate and forecast negotiations."""

    return app


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """A Typer app with the commands of ``modules``."""
    app = _empty_app()
    for name in modules:
        importlib.import_module(f"accord.cli.{name}").register(app)
    return app


@cache
def full_app() -> typer.Typer:
    """The app with every command (for ``--help`` and for tests)."""
    return build_app()


def __getattr__(name: str):
    if name == "app":
        return full_app()
    raise AttributeError(name)


def summary_app() -> typer.Typer:
    """The app for ``accord --help`` and unknown commands: every command with its summary, no command module
    imported (a command is only ever run through its own module's app)."""
    app = _empty_app()
    for name, summary in SUMMARIES.items():
        app.command(name, help=summary, short_help=summary)(lambda: None)
    return app


def _app_for(argv: list[str]) -> typer.Typer:
    command = argv[0] if argv else None  # the group has no options but --help, so a command comes first
    if command in COMMANDS:
        return build_app((COMMANDS[command],))
    return summary_app()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: usage errors become one line on stderr with exit code 2."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        code = _app_for(argv)(args=argv, prog_name="accord", standalone_mode=False)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except typer.TyperException as error:  # usage errors: unknown option, bad value, missing argument
        context = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
            typer.echo(context.get_help())
            return 0
        command = context.command_path if context is not None else "accord"
        message = " ".join(error.format_message().split()).removesuffix(".")  # no ".;" before the hint
        typer.echo(f"error: {command}: {message}; see '{command} --help'", err=True)
        return getattr(error, "exit_code", 2) or 2
    return code if isinstance(code, int) else 0


def run() -> None:
    """The ``accord`` console script."""
    sys.exit(main())


if __name__ == "__main__":
    run()
