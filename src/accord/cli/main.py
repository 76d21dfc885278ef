"""The ``accord`` command line: one Typer app, one module per command group.

Each command module defines ``register(app)``. ``COMMANDS`` maps every command to its module, so that running
one command imports only its own module (start-up stays fast); ``--help`` and unknown commands load them all.
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
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """A Typer app with the commands of ``modules``."""
    app = typer.Typer(
        name="accord",
        help="Model, analyse, simulate and forecast negotiations.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _group() -> None:
        """Model, analyse, simulate and forecast negotiations."""

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


def _app_for(argv: list[str]) -> typer.Typer:
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command in COMMANDS:
        return build_app((COMMANDS[command],))
    return full_app()


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
