"""Exceptions raised by Accord.

Hierarchy::

    AccordError                 every error Accord raises on purpose
    └── InputError              a user's input is wrong; the CLI prints it on one line and exits with code 2
        ├── ScenarioError       a scenario file (Accord, GENIUS, GeniusWeb) is malformed or inconsistent
        └── OptionError         a command-line or API option has an impossible value
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class of every error Accord raises on purpose."""


class InputError(AccordError):
    """A user's input is wrong.

    ``source`` names the file (or option), ``where`` the place inside it, ``fix`` what to do about it.
    ``str(error)`` is one line: ``source: where: message; fix``.
    """

    def __init__(self, message: str, *, source: str = "", where: str = "", fix: str = "") -> None:
        self.message = message
        self.source = source
        self.where = where
        self.fix = fix
        super().__init__(self.one_line())

    def one_line(self) -> str:
        parts = [p for p in (self.source, self.where) if p]
        text = ": ".join([*parts, self.message])
        if self.fix:
            text += f"; {self.fix}"
        return " ".join(text.split())

    def located(self, source: str, replacing: str = "") -> "InputError":
        """A copy of this error that names ``source``: when it names no file yet, or names ``replacing``
        (e.g. a scenario's name where the user gave a file)."""
        if self.source and self.source != replacing:
            return self
        return type(self)(self.message, source=source, where=self.where, fix=self.fix)


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
