"""Files shipped with Accord and the one way a name finds them: negotiation scenarios in ``accord/scenarios``,
stakeholder and divide files in ``accord/scenarios/stakeholders``."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

from accord.errors import ScenarioError

SCENARIO_SUFFIXES = (".yaml",)
DATA_SUFFIXES = (".yaml", ".yml", ".csv")


def bundled_dir() -> Path:
    """The folder of scenarios shipped with Accord."""
    return Path(str(files("accord") / "scenarios"))


def _named(folder: Path, suffixes: tuple[str, ...]) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in suffixes}


def bundled_scenarios() -> dict[str, Path]:
    """Bundled scenario names → files."""
    return _named(bundled_dir(), SCENARIO_SUFFIXES)


def bundled_data() -> dict[str, Path]:
    """Bundled stakeholder and divide file names (without suffix) → files."""
    return _named(bundled_dir() / "stakeholders", DATA_SUFFIXES)


def bundled_names() -> tuple[str, ...]:
    """The names (without suffix) of the bundled stakeholder and divide files, sorted."""
    return tuple(sorted(bundled_data()))


def resolve(name: str, bundled: Mapping[str, Path], what: str, *, paths: bool = True, folders: bool = True) -> Path:
    """The file or folder ``name`` stands for: a path that exists (unless ``paths`` is false, as for a web
    request), else the bundled file called ``name`` (with or without its suffix).

    ``what`` names the kind of file in the error; without ``folders`` an existing folder is refused too. Every
    refusal is a :class:`ScenarioError` listing the bundled names."""
    known = ", ".join(bundled) or "none"
    if paths:
        path = Path(name)
        if path.is_dir() and not folders:
            raise ScenarioError("is a folder, not a file", source=name, fix=f"name a file in it, or one of: {known}")
        if path.exists():
            return path
    for stem, file in bundled.items():
        if name in (stem, file.name):
            return file
    if not paths:
        raise ScenarioError("no bundled file of that name", source=name, fix=f"use one of: {known}")
    raise ScenarioError(f"no such file or bundled {what}", source=name, fix=f"check the path; bundled: {known}")
