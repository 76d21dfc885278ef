"""Counts in words, for every report and message: ``counted(1, "hard constraint")`` is "1 hard constraint",
``counted(3, "hard constraint")`` "3 hard constraints" (never "constraint(s)")."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, singular for exactly one, else ``plural`` (by default ``noun`` + "s")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
