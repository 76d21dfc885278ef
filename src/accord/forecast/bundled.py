"""Data files shipped with Accord in ``accord/scenarios/stakeholders`` and how a name finds them."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from accord.errors import InputError

SUFFIXES = (".yaml", ".yml", ".csv")


def bundled_folder() -> Traversable:
    """Return the folder of bundled stakeholder and divide files."""
    return files("accord") / "scenarios" / "stakeholders"


def bundled_names() -> tuple[str, ...]:
    """Return the names (without suffix) of the bundled data files, sorted."""
    return tuple(
        sorted(entry.name.rsplit(".", 1)[0] for entry in bundled_folder().iterdir() if entry.name.endswith(SUFFIXES))
    )


def resolve(name: str) -> tuple[str, Traversable | Path]:
    """Return ``(suffix, file)`` for a path on disk, or else for the bundled file called ``name``.

    Raises :class:`InputError` listing the bundled names when neither exists.
    """
    path = Path(name)
    if path.is_file():
        return path.suffix.lower(), path
    if path.is_dir():
        raise InputError("is a folder, not a file", source=name,
                         fix=f"name a file in it, or one of: {', '.join(bundled_names())}")
    folder = bundled_folder()
    for candidate in (name, *(name + suffix for suffix in SUFFIXES)):
        entry = folder / candidate
        if entry.is_file():
            return "." + candidate.rsplit(".", 1)[-1].lower(), entry
    raise InputError(
        "no such file, and no bundled file of that name",
        source=name,
        fix=f"give a path or one of: {', '.join(bundled_names())}",
    )
