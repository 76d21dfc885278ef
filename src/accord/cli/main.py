"""The ``accord`` command line: one Typer app, one module per command group.

Each module in ``COMMAND_MODULES`` defines ``register(app)`` and adds its commands.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = ("scenario_commands",)

app = typer.Typer(
    name="accord",
    help="Model, analyse, simulate and forecast negotiations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"accord.cli.{_name}").register(app)

if __name__ == "__main__":
    app()
