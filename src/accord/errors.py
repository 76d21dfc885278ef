"""Exceptions raised by Accord.

Hierarchy::

    AccordError                 every error Accord raises on purpose
    └── InputError              a user's input is wrong; the CLI prints it on one line and exits with code 2
        ├── ScenarioError       a scenario file (Accord, GENIUS, GeniusWeb) is malformed or inconsistent
        └── OptionError         a command-line or API option has an impossible value

The core names its own parameters, never a front end's spelling of them: an error about an input says
``parameter="strategies"``, and its message or fix writes another parameter in backquotes (`` `seconds` ``). Each
front end renders these names in its own vocabulary with :meth:`InputError.one_line` (the command line as its
flags, the JSON API as ``body.strategies``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_REFERENCE = re.compile(r"`([a-z][a-z0-9_]*)`")


class AccordError(Exception):
    """Base class of every error Accord raises on purpose."""


class InputError(AccordError):
    """A user's input is wrong.

    ``source`` names the file (or value) at fault, ``where`` the place inside it, ``fix`` what to do about it.
    ``parameter`` names the input the error is about (e.g. ``strategies``); it stands first in the line when there
    is no ``source``. ``str(error)`` is one line: ``source-or-parameter: where: message; fix``.
    """

    def __init__(self, message: str, *, source: str = "", where: str = "", fix: str = "",
                 parameter: str = "") -> None:
        self.message = message
        self.source = source
        self.where = where
        self.fix = fix
        self.parameter = parameter
        super().__init__(self.one_line())

    def one_line(self, name: Callable[[str], str] = str) -> str:
        """The error as one line, each parameter (its own, and those in backquotes in the text) written as
        ``name(parameter)``: a front end passes its own spelling, e.g. ``lambda p: "--" + p``."""
        def spelled(text: str) -> str:
            return _REFERENCE.sub(lambda match: name(match.group(1)), text)

        subject = self.source or (name(self.parameter) if self.parameter else "")
        parts = [p for p in (subject, self.where) if p]
        text = ": ".join([*parts, spelled(self.message)])
        if self.fix:
            text += "; " + spelled(self.fix)
        return " ".join(text.split())

    def located(self, source: str, replacing: str = "") -> "InputError":
        """A copy of this error that names ``source``: when it names no file yet, or names ``replacing``
        (e.g. a scenario's name where the user gave a file)."""
        if self.source and self.source != replacing:
            return self
        return type(self)(self.message, source=source, where=self.where, fix=self.fix, parameter=self.parameter)

    def __reduce__(self):
        """Pickle with every field (an error raised in a worker process reaches the parent intact)."""
        return _rebuild, (type(self), self.message, self.source, self.where, self.fix, self.parameter)


def _rebuild(cls: type[InputError], message: str, source: str, where: str, fix: str, parameter: str) -> InputError:
    return cls(message, source=source, where=where, fix=fix, parameter=parameter)


class ScenarioError(InputError):
    """A scenario file is malformed or inconsistent.

    ``all_errors`` holds every problem found in the file (this one first), for ``accord validate``.
    """

    all_errors: tuple["ScenarioError", ...] = ()

    @classmethod
    def of(cls, errors: list["ScenarioError"]) -> "ScenarioError":
        """The first of ``errors``, carrying all of them."""
        first = errors[0]
        first.all_errors = tuple(errors)
        return first


class OptionError(InputError):
    """An option has an impossible value."""


def check_seed(seed: int | None) -> None:
    """Refuse a negative seed, the one rule every seeded computation shares (``None``, where a caller allows it,
    means fresh entropy)."""
    if seed is not None and int(seed) < 0:
        raise OptionError(f"seed must be 0 or more, got {seed}", parameter="seed", fix="give 0 or more")
