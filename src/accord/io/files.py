"""Reading files safely: every failure becomes a ``ScenarioError`` naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from accord.errors import ScenarioError


def read_text(path: Path) -> str:
    """The file's text; a clear error when it is missing, a folder, unreadable or not UTF-8."""
    if not path.exists():
        raise ScenarioError("no such file", source=str(path), fix="check the path (or run 'accord scenarios')")
    if path.is_dir():
        raise ScenarioError("is a folder, not a file", source=str(path), fix="name a file inside it")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"not UTF-8 text (byte {error.start})", source=str(path),
                            fix="save the file as UTF-8") from None
    except OSError as error:
        raise ScenarioError(f"cannot read the file ({error.strerror})", source=str(path)) from None


def read_json(path: Path) -> Any:
    """Parsed JSON; a syntax error names the line and column."""
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise ScenarioError(f"invalid JSON: {error.msg}", source=str(path),
                            where=f"line {error.lineno}, column {error.colno}", fix="fix the JSON syntax") from None


def read_yaml(path: Path) -> Any:
    """Parsed YAML; a syntax error names the line and column."""
    try:
        return yaml.safe_load(read_text(path))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "malformed YAML"
        raise ScenarioError(f"invalid YAML: {problem}", source=str(path), where=where,
                            fix="fix the YAML syntax (indentation, colons, quotes)") from None
