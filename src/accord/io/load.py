"""Load a scenario from whatever the user names: a bundled scenario, an Accord YAML/JSON file, GENIUS XML
files or folder, GeniusWeb JSON files or folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from accord.errors import ScenarioError
from accord.io.bundled import resolve, scenario_listing, scenario_names
from accord.io.files import read_json, read_text, read_yaml
from accord.io.finite import refuse_non_finite
from accord.model import Scenario

Format = Literal["accord", "genius", "geniusweb"]
ACCORD_SUFFIXES = (".yaml", ".yml")


def sniff(path: Path) -> Format:
    """The format of one file or folder, judged by its name and content."""
    if path.is_dir():
        names = {p.suffix.lower() for p in path.iterdir() if p.is_file()}
        if ".xml" in names:
            return "genius"
        if ".json" in names:
            return "geniusweb"
        raise ScenarioError("folder holds no GENIUS (.xml) or GeniusWeb (.json) files", source=str(path),
                            fix="name a folder with a domain file and its profile files")
    suffix = path.suffix.lower()
    if suffix in ACCORD_SUFFIXES:
        return "accord"
    if suffix == ".xml":
        return "genius"
    if suffix == ".json":
        text = read_text(path)
        head = text.lstrip()[:200]
        return "accord" if '"accord"' in head else "geniusweb"
    raise ScenarioError(f"unknown file type '{suffix or path.name}'", source=str(path),
                        fix="use .yaml/.yml/.json (Accord), .xml (GENIUS) or .json (GeniusWeb)")


def load_accord(path: Path) -> Scenario:
    """An Accord YAML or JSON scenario file."""
    from accord.io.accord_format import scenario_from_dict  # loads only when an Accord file is read

    data = read_json(path) if path.suffix.lower() == ".json" else read_yaml(path)
    return scenario_from_dict(data, str(path))


def _resolve(name: str) -> Path:
    """The file or folder ``name`` stands for; the shipped scenarios are listed only when it is no path (listing
    the research library takes longer than reading a small file)."""
    path = Path(name)
    return path if path.exists() else resolve(name, scenario_names(), "scenario", listing=scenario_listing())


def load(*names: str | Path) -> Scenario:
    """Load one scenario from one or more paths (or a bundled scenario's name).

    Several paths are the files of one GENIUS or GeniusWeb scenario (a domain and its profiles, in party order).
    """
    if not names:
        raise ScenarioError("no scenario given", fix="name a scenario file, folder or bundled scenario")
    paths = [_resolve(str(name)) for name in names]
    try:
        return _load(paths)
    except READER_SLIPS as error:
        # the readers refuse what they know to be wrong; whatever else trips one is still the input's fault
        raise ScenarioError(f"cannot be read ({type(error).__name__}: {' '.join(str(error).split())[:120]})",
                            source=" ".join(map(str, paths)),
                            fix="check that the files form one valid scenario") from None


READER_SLIPS = (RecursionError, ArithmeticError, ValueError, TypeError, KeyError, IndexError)
"""Exceptions a reader may raise on input it does not expect; :func:`load` reports them as ``ScenarioError``."""


def _load(paths: list[Path]) -> Scenario:
    formats = {sniff(path) for path in paths}
    if len(formats) > 1:
        raise ScenarioError(f"mixes formats ({', '.join(sorted(formats))})", source=" ".join(map(str, paths)),
                            fix="give the files of one scenario in one format")
    kind = formats.pop()
    source = " ".join(map(str, paths))
    if kind == "accord":
        if len(paths) > 1:
            raise ScenarioError("an Accord scenario is one file", source=source, fix="analyse one file at a time")
        return load_accord(paths[0])
    if kind == "genius":
        from accord.io.genius import read_genius

        return refuse_non_finite(read_genius(paths), source)
    from accord.io.geniusweb import read_geniusweb

    return refuse_non_finite(read_geniusweb(paths), source)


def _collection(folder: Path) -> list[Path] | None:
    """The scenarios a folder collects — its Accord files, then its sub-folders that hold scenario files — or
    ``None`` when the folder is itself one GENIUS/GeniusWeb scenario."""
    files = [p for p in folder.iterdir() if p.is_file()]
    accord_files = sorted(p for p in files if p.suffix.lower() in ACCORD_SUFFIXES)
    if not accord_files and any(p.suffix.lower() in (".xml", ".json") for p in files):
        return None
    return accord_files + sorted(
        p for p in folder.iterdir()
        if p.is_dir() and any(q.suffix.lower() in (".xml", ".json", *ACCORD_SUFFIXES) for q in p.iterdir()))


def are_one_foreign_scenario(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` are several files of one GENIUS/GeniusWeb scenario (a domain and its profiles), which
    commands taking several scenarios read as one."""
    return len(paths) > 1 and all(p.is_file() and sniff(p) != "accord" for p in paths)


def load_each(names: Sequence[str]) -> list[tuple[str, Scenario]]:
    """Several scenarios with the name the user gave each: every argument is one scenario, except that the
    files of one GENIUS/GeniusWeb scenario may be given together (then they are one scenario), and a folder of
    Accord files or of scenario folders stands for each of them."""
    paths = [_resolve(name) for name in names]
    if are_one_foreign_scenario(paths):
        return [(" ".join(map(str, names)), load(*paths))]
    loaded = []
    for name, path in zip(names, paths):
        members = _collection(path) if path.is_dir() else None
        if members == []:
            raise ScenarioError("folder holds no scenario", source=str(name),
                                fix="name a scenario file, a GENIUS/GeniusWeb folder, or a folder of them")
        for member in members or [path]:
            loaded.append((str(member if members else name), load(member)))
    return loaded


def load_many(names: Sequence[str]) -> list[Scenario]:
    """Several scenarios (see :func:`load_each`)."""
    return [scenario for _, scenario in load_each(names)]
