"""How counts and issue values are written in every report, table and message: ``counted(3, "hard
constraint")`` is "3 hard constraints" (never "constraint(s)"), ``value_text(1000.0)`` is "1000", and
``label_of`` shows a value by its label where the scenario gives one."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, singular for exactly one, else ``plural`` (by default ``noun`` + "s")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def value_text(value: object) -> str:
    """An issue value as every table shows it: a real as ``1000`` or ``0.25`` (never ``1000.0``), others as
    written."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def label_of(issue, value) -> str:
    """How a value of ``issue`` is shown to a reader: its label where the scenario gives one, else
    :func:`value_text`."""
    if issue.kind == "categorical":
        if issue.labels:
            return str(issue.labels[issue.values.index(value)])
        return str(value)
    return value_text(value)
