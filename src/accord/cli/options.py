"""Reading option values the command line writes as text; the core takes lists and typed values."""

from __future__ import annotations

from accord.wording import value_text


def names(text: str | None) -> list[str] | None:
    """A comma-separated list (``"a, b"``) as its names, blanks dropped; ``None`` when the option was not given."""
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def as_list(_context: object, _parameter: object, values: tuple[str, ...] | None) -> list[str] | None:
    """Click callback: the values of a variadic argument or a repeated option as a list; ``None`` when none was
    given (the commands tell "not given" from a value that way)."""
    return list(values) if values else None


def outcome_text(outcome: dict, separator: str = "=") -> str:
    """``issue=value, ...`` for a (possibly partial) outcome."""
    return ", ".join(f"{name}{separator}{value_text(value)}" for name, value in outcome.items())
