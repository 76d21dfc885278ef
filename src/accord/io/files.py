"""Reading files safely: every failure becomes a ``ScenarioError`` naming the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accord.errors import ScenarioError


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a clear error when it is missing, a folder or unreadable."""
    if not path.exists():
        raise ScenarioError("no such file", source=str(path), fix="check the path (or run 'accord scenarios')")
    if path.is_dir():
        raise ScenarioError("is a folder, not a file", source=str(path), fix="name a file inside it")
    try:
        return path.read_bytes()
    except OSError as error:
        raise ScenarioError(f"cannot read the file ({error.strerror})", source=str(path)) from None


def read_text(path: Path) -> str:
    """The file's text; a clear error when it is missing, a folder, unreadable or not UTF-8."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"not UTF-8 text (byte {error.start})", source=str(path),
                            fix="save the file as UTF-8") from None


MAX_VALUES = 1_000_000


def read_json(path: Path, parse_float: Callable[[str], Any] | None = None) -> Any:
    """Parsed JSON; a syntax error names the line and column."""
    try:
        return json.loads(read_text(path), parse_float=parse_float)
    except json.JSONDecodeError as error:
        raise ScenarioError(f"invalid JSON: {error.msg}", source=str(path),
                            where=f"line {error.lineno}, column {error.colno}", fix="fix the JSON syntax") from None
    except RecursionError:
        raise ScenarioError("JSON is nested too deeply", source=str(path),
                            fix="a scenario needs only a few levels of nesting") from None


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values a YAML node stands for once every alias is expanded (aliases share node objects), capped
    at ``MAX_VALUES + 1``; a node that contains itself expands for ever."""
    key = id(node)
    if key not in memo:
        memo[key] = MAX_VALUES + 1  # still being counted: reaching it again means it contains itself
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(_expanded_size(child, memo) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
        else:
            total = 1
        memo[key] = min(total, MAX_VALUES + 1)
    return memo[key]


def read_yaml(path: Path) -> Any:
    """Parsed YAML; a syntax error names the line and column."""
    return parse_yaml_text(read_text(path), str(path))


def parse_yaml_text(text: str, source: str) -> Any:
    """Parsed YAML text (errors name ``source``), refused when its aliases expand to more than ``MAX_VALUES``
    values or it nests too deeply; a syntax error names the line and column."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # refuses control characters already
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > MAX_VALUES:
            raise ScenarioError(f"YAML anchors and aliases expand to more than {MAX_VALUES:,} values",
                                source=source, fix="write the values out instead of repeating aliases")
        return loader.construct_document(node)
    except RecursionError:
        raise ScenarioError("YAML is nested too deeply", source=source,
                            fix="a scenario needs only a few levels of nesting") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or getattr(error, "reason", None) or "malformed YAML"
        raise ScenarioError(f"invalid YAML: {problem}", source=source, where=where,
                            fix="fix the YAML syntax (indentation, colons, quotes)") from None
    finally:
        if loader is not None:
            loader.dispose()


@dataclass(frozen=True)
class ScenarioFiles:
    """The files of one scenario as named by the user: a folder's files (sorted by name) or the files given."""

    files: list[Path]
    folder: Path | None
    source: str
    """How error messages name the scenario: the folder, or the files separated by spaces."""


def scenario_files(paths: list[Path], suffix: str) -> ScenarioFiles:
    """One folder (its files ending in ``suffix``, by name) or a list of files; a mix of both is refused."""
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == suffix)
        return ScenarioFiles(files, folder, str(folder))
    source = " ".join(map(str, paths))
    if any(p.is_dir() for p in paths):
        raise ScenarioError("give either one folder or the files of one scenario, not both", source=source,
                            fix="name the folder alone")
    return ScenarioFiles(paths, None, source)
