"""Files shipped with Accord and the one way a name finds them: negotiation scenarios in ``accord/scenarios``,
the research library in ``accord/scenarios/library`` (``genius/Laptop``, or a whole collection such as
``geniusweb``), stakeholder and divide files in ``accord/scenarios/stakeholders``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from accord.errors import ScenarioError

SCENARIO_SUFFIXES = (".yaml",)
DATA_SUFFIXES = (".yaml", ".yml", ".csv")


def bundled_dir() -> Path:
    """The folder of scenarios shipped with Accord."""
    return Path(__file__).resolve().parents[1] / "scenarios"  # no importlib.resources: it slows start-up


def _named(folder: Path, suffixes: tuple[str, ...]) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in suffixes}


def bundled_scenarios() -> dict[str, Path]:
    """Bundled scenario names → files."""
    return _named(bundled_dir(), SCENARIO_SUFFIXES)


def library_dir() -> Path:
    """The research scenario library shipped with Accord: ``genius/``, ``geniusweb/`` and ``genius-large/``."""
    return bundled_dir() / "library"


def library_scenarios() -> dict[str, Path]:
    """Library scenario names (``collection/folder``, e.g. ``genius/Laptop``) → folders, sorted by name."""
    return {f"{collection}/{folder.name}": folder for collection, path in library_collections().items()
            for folder in sorted(p for p in path.iterdir() if p.is_dir())}


def library_collections() -> dict[str, Path]:
    """Library collection names (``genius``, ``geniusweb``, ``genius-large``) → folders."""
    return {p.name: p for p in sorted(library_dir().iterdir()) if p.is_dir()}


def scenario_names() -> dict[str, Path]:
    """Every name that stands for a shipped scenario: the bundled files, the library's collections and scenarios."""
    return {**bundled_scenarios(), **library_collections(), **library_scenarios()}


def scenario_listing() -> str:
    """The shipped scenarios in a few words, for error messages."""
    collections = ", ".join(f"{name}/NAME" for name in library_collections())
    return (f"{', '.join(bundled_scenarios())}; research library: {collections} "
            "(the scenarios command lists them all)")


def bundled_data() -> dict[str, Path]:
    """Bundled stakeholder and divide file names (without suffix) → files."""
    return _named(bundled_dir() / "stakeholders", DATA_SUFFIXES)


def bundled_names() -> tuple[str, ...]:
    """The names (without suffix) of the bundled stakeholder and divide files, sorted."""
    return tuple(sorted(bundled_data()))


def bundled_divide_names() -> tuple[str, ...]:
    """The bundled divide files (YAML mappings with ``items``), sorted."""
    from accord.io.files import parse_yaml, read_text

    return tuple(sorted(name for name, path in bundled_data().items() if path.suffix.lower() in (".yaml", ".yml")
                        and "items" in (parse_yaml(read_text(path), name) or {})))


def bundled_stakeholder_names() -> tuple[str, ...]:
    """The bundled stakeholder files (every bundled data file that is not a divide file), sorted."""
    divide = set(bundled_divide_names())
    return tuple(name for name in bundled_names() if name not in divide)


def resolve(name: str, bundled: Mapping[str, Path], what: str, *, paths: bool = True, folders: bool = True,
            listing: str | None = None) -> Path:
    """The file or folder ``name`` stands for: a path that exists (unless ``paths`` is false, as for a web
    request), else the bundled file called ``name`` (with or without its suffix).

    ``what`` names the kind of file in the error; without ``folders`` an existing folder is refused too. Every
    refusal is a :class:`ScenarioError` listing the bundled names (or ``listing``, a summary of them)."""
    known = listing or ", ".join(bundled) or "none"
    if paths:
        path = Path(name)
        if path.is_dir() and not folders:
            raise ScenarioError("is a folder, not a file", source=name, fix=f"name a file in it, or one of: {known}")
        if path.exists():
            return path
    for stem, file in bundled.items():
        if name == stem or (name == file.name and file.is_file()):
            return file
    if not paths:
        raise ScenarioError("no bundled file of that name", source=name, fix=f"use one of: {known}")
    raise ScenarioError(f"no such file or bundled {what}", source=name, fix=f"check the path; bundled: {known}")
