"""How the CLI reports user errors: one line on stderr, exit code 2, no traceback.

Core errors name parameters (``strategies``, ``self_play``); the line names the command's flags instead
(``--strategies``, ``--self-play``), with a per-command map where a flag is named otherwise (``scale`` is
``--weight-noise`` for ``accord sensitivity``).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from typing import TypeVar

import click

from accord.errors import InputError

F = TypeVar("F", bound=Callable)

USER_ERROR_EXIT = 2


def fail(message: str) -> click.exceptions.Exit:
    """Print ``message`` as the one-line error and return the exit to raise."""
    click.echo(f"error: {message}", err=True)
    return click.exceptions.Exit(USER_ERROR_EXIT)


def flag_of(parameter: str, flags: Mapping[str, str] | None = None) -> str:
    """The flag that sets a core ``parameter``: ``flags[parameter]``, else ``--`` and its name with dashes."""
    return (flags or {}).get(parameter) or "--" + parameter.replace("_", "-")


def error_line(error: InputError, flags: Mapping[str, str] | None = None) -> str:
    """``error`` as one line naming flags, not parameters."""
    return error.one_line(lambda parameter: flag_of(parameter, flags))


def reports_user_errors(command: F | None = None, *, flags: Mapping[str, str] | None = None):
    """Wrap a command so that an ``InputError`` (or running out of memory) becomes one line on stderr (naming
    flags) and exit code 2.

    Use it bare (``@reports_user_errors``) or with the parameters whose flag has another name
    (``@reports_user_errors(flags={"scale": "--weight-noise"})``)."""
    if command is None:
        return functools.partial(reports_user_errors, flags=flags)

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as error:
            raise fail(error_line(error, flags)) from None
        except MemoryError:
            raise fail(f"{command.__name__.replace('_', '-')}: the machine ran out of memory; "
                       "give a smaller scenario or fewer outcomes, or run it on a machine with more memory") from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper
