"""How the CLI reports user errors: one line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from accord.errors import InputError

F = TypeVar("F", bound=Callable)

USER_ERROR_EXIT = 2


def fail(message: str) -> typer.Exit:
    """Print ``message`` as the one-line error and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(USER_ERROR_EXIT)


def reports_user_errors(command: F) -> F:
    """Wrap a command so that an ``InputError`` becomes one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as error:
            raise fail(error.one_line()) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]
