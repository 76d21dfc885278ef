"""The ``accord`` command line: one Typer app, one module per command group.

Each module in ``COMMAND_MODULES`` defines ``register(app)`` and adds its commands.
"""

from __future__ import annotations

import importlib
import sys

import typer

COMMAND_MODULES = ("scenario_commands", "sensitivity_commands", "forecast_commands", "simulate_commands", "tournament_commands", "web_commands")

app = typer.Typer(
    name="accord",
    help="Model, analyse, simulate and forecast negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"accord.cli.{_name}").register(app)



def main(argv: list[str] | None = None) -> int:
    """Console entry point: usage errors become one line on stderr with exit code 2."""
    try:
        code = app(args=argv, prog_name="accord", standalone_mode=False)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except typer.TyperException as error:  # usage errors: unknown option, bad value, missing argument
        context = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
            typer.echo(context.get_help())
            return 0
        command = context.command_path if context is not None else "accord"
        message = " ".join(error.format_message().split())
        typer.echo(f"error: {command}: {message}; see '{command} --help'", err=True)
        return getattr(error, "exit_code", 2) or 2
    return code if isinstance(code, int) else 0


def run() -> None:
    """The ``accord`` console script."""
    sys.exit(main())


if __name__ == "__main__":
    run()
