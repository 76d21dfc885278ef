"""Read stakeholder files (CSV or YAML, on disk or bundled) into :class:`Stakeholders`, one per issue.

CSV: a header row, then one actor a row (lines starting with ``#`` are comments); an optional ``issue`` column puts rows into several issues.
YAML::

    issues:
      transfer:
        scale: 0 = no island changes hands, 100 = all four transferred
        actors:
          - {actor: Kremlin, position: 5, salience: 0.9, capability: 90, position_sd: 5}

A single-issue YAML file may also give ``actors:`` (and ``issue:``, ``scale:``) at the top level.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from accord.errors import ScenarioError
from accord.forecast.stakeholders import Row, Stakeholders, check_header, table_to_stakeholders
from accord.io.bundled import bundled_data, resolve
from accord.io import files


def load_stakeholders(name: str, *, paths: bool = True) -> tuple[Stakeholders, ...]:
    """Load a stakeholder file given by path or by bundled name (e.g. ``"japan-russia-2019"``); with ``paths``
    false only a bundled name is accepted (a web request names no file)."""
    file = resolve(name, bundled_data(), "stakeholder file", paths=paths, folders=False)
    suffix = file.suffix.lower()
    if suffix == ".csv":
        return parse_csv(files.read_text(file), source=name)
    if suffix in (".yaml", ".yml"):
        return parse_yaml(files.read_text(file), source=name)
    raise ScenarioError(f"unknown file type '{suffix}'", source=name, fix="use a .csv or .yaml stakeholder file")


def parse_csv(text: str, *, source: str) -> tuple[Stakeholders, ...]:
    """Parse CSV stakeholder text; rows are named by their line number among the non-comment lines.

    Without an ``issue`` column the issue is named after the file (``source``'s stem).
    """
    lines = [line for line in io.StringIO(text) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise ScenarioError("the file is empty", source=source, fix="add a header row and one row per actor")
    try:
        table = list(csv.reader(lines))
    except csv.Error as error:  # e.g. a lone carriage return inside a cell
        raise ScenarioError(f"malformed CSV ({error})", source=source, fix="save the file as plain CSV") from None
    if not table:
        raise ScenarioError("the file is empty", source=source, fix="add a header row and one row per actor")
    reader = iter(table)
    header = [cell.strip() for cell in next(reader)]
    repeated = sorted({cell for cell in header if cell and [h.lower() for h in header].count(cell.lower()) > 1})
    if repeated:
        raise ScenarioError(f"the column '{repeated[0]}' appears twice in the header", source=source,
                            where="line 1", fix="keep one of them")
    check_header(header, source)
    rows: list[tuple[str, Row]] = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise ScenarioError(
                f"{len(cells)} cells but {len(header)} columns",
                source=source,
                where=f"line {number}",
                fix="remove the extra cells or quote values containing commas",
            )
        rows.append((f"line {number}", dict(zip(header, cells))))
    if not rows:
        raise ScenarioError("no stakeholders below the header", source=source, fix="add one row per actor")
    return table_to_stakeholders(rows, source=source, default_issue=PurePath(source).stem or "issue")


def parse_yaml(text: str, *, source: str) -> tuple[Stakeholders, ...]:
    """Parse YAML stakeholder text (``issues:`` mapping, or top-level ``actors:``)."""
    data = files.parse_yaml(text, source)
    if data is None:
        raise ScenarioError("the file is empty", source=source, fix="add an 'issues:' mapping")
    if not isinstance(data, dict):
        raise ScenarioError("expected a mapping at the top", source=source, fix="start with 'issues:'")
    if "issues" in data:
        issues = data["issues"]
        if not isinstance(issues, dict) or not issues:
            raise ScenarioError(
                "'issues' must map issue names to their actors", source=source, where="issues", fix="see the docs"
            )
        found: list[Stakeholders] = []
        for name, spec in issues.items():
            found.extend(_issue(str(name), spec, f"issues.{name}", source))
        return tuple(found)
    if "actors" in data:
        return _issue(str(data.get("issue") or "issue"), data, "", source)
    if "parties" in data and "items" in data:
        raise ScenarioError("this is a divide file, not a stakeholder file", source=source, fix="use 'accord divide'")
    raise ScenarioError("no 'issues' or 'actors' key", source=source, fix="add an 'issues:' mapping")


def _issue(name: str, spec: object, where: str, source: str) -> tuple[Stakeholders, ...]:
    prefix = f"{where}." if where else ""
    if not isinstance(spec, dict) or not isinstance(spec.get("actors"), list):
        raise ScenarioError(
            "expected a mapping with an 'actors' list", source=source, where=where or "top", fix="list the actors"
        )
    rows: list[tuple[str, Row]] = []
    for index, actor in enumerate(spec["actors"]):
        place = f"{prefix}actors[{index}]"
        if not isinstance(actor, dict):
            raise ScenarioError(
                "expected a mapping", source=source, where=place, fix="write actor, position, salience, capability"
            )
        rows.append((place, actor))
    if not rows:
        raise ScenarioError("no actors", source=source, where=f"{prefix}actors", fix="add one entry per actor")
    scale = str(spec.get("scale") or spec.get("description") or "")
    return table_to_stakeholders(rows, source=source, issue=name, scale=scale)
