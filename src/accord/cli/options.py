"""Reading option values the command line writes as text; the core takes lists and typed values."""

from __future__ import annotations


def names(text: str | None) -> list[str] | None:
    """A comma-separated list (``"a, b"``) as its names, blanks dropped; ``None`` when the option was not given."""
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def as_list(_context: object, _parameter: object, values: tuple[str, ...] | None) -> list[str] | None:
    """Click callback: the values of a variadic argument or a repeated option as a list; ``None`` when none was
    given (the commands tell "not given" from a value that way)."""
    return list(values) if values else None


def value_text(value: object) -> str:
    """An issue value as the tables show it: a real as ``1000`` or ``0.25`` (never ``1000.0``), others as written."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def outcome_text(outcome: dict, separator: str = "=") -> str:
    """``issue=value, ...`` for a (possibly partial) outcome."""
    return ", ".join(f"{name}{separator}{value_text(value)}" for name, value in outcome.items())
