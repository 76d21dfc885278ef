"""Reading records: YAML, JSON (a record, or the JSON of a simulated session) or CSV, by path or bundled name.

A CSV record has one row per move, with the columns ``date`` or ``round``, ``party``, ``action``, ``source``,
``note`` and one column per issue (an empty cell leaves the issue open); other columns (``time``, ``u_*``) are
ignored, so a simulated session's trace CSV reads too. A CSV file names no scenario: it is the one audited.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

from accord.audit.record import FORMAT_VERSION, Record, parse_record
from accord.audit.simulated import is_session, record_data_from_session
from accord.errors import ScenarioError
from accord.io.files import read_json, read_text, read_yaml
from accord.model import Scenario

SUFFIXES = (".yaml", ".yml", ".json", ".csv")
_CSV_MOVE_COLUMNS = ("date", "round", "party", "action", "source", "note")


def records_dir() -> Path:
    """The folder of records shipped with Accord."""
    return Path(str(resources.files("accord") / "scenarios" / "records"))


def bundled_records() -> dict[str, Path]:
    """Bundled record names → files."""
    return {path.stem: path for path in sorted(records_dir().glob("*.yaml"))}


def bundled_record_for(scenario_name: str) -> str | None:
    """The first bundled record (by name) that names ``scenario_name`` as its scenario, if any."""
    for name, path in bundled_records().items():
        data = read_yaml(path)
        if isinstance(data, dict) and data.get("scenario") == scenario_name:
            return name
    return None


def resolve_record(name: str) -> Path:
    """A path the user typed, or the file of a bundled record of that name."""
    found = next((p for p in (Path(name), bundled_records().get(name)) if p is not None and p.exists()), None)
    if found is None:
        raise ScenarioError("no such file or bundled record", source=name,
                            fix=f"check the path; bundled records: {', '.join(bundled_records()) or 'none'}")
    return found


def read_record(name: str | Path, scenario: Scenario, scenario_name: str = "") -> Record:
    """The record ``name`` (a path or a bundled name), checked against ``scenario`` (which the user named
    ``scenario_name``)."""
    path = resolve_record(str(name))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ScenarioError(f"unknown record type '{suffix or path.name}'", source=str(path),
                            fix="use .yaml, .yml, .json or .csv")
    if suffix == ".csv":
        data = _csv_record(read_text(path), scenario, str(path))
    else:
        data = read_json(path) if suffix == ".json" else read_yaml(path)
        if is_session(data):
            data = record_data_from_session(data)
    _check_scenario(data, scenario, scenario_name, str(path))
    return parse_record(data, scenario, str(path))


def _check_scenario(data: object, scenario: Scenario, scenario_name: str, source: str) -> None:
    """A record naming another scenario than the one audited is refused."""
    named = data.get("scenario") if isinstance(data, dict) else None
    if not named:
        return
    accepted = {scenario.name, scenario_name, Path(scenario_name).stem}
    if str(named) not in accepted and Path(str(named)).stem not in accepted:
        raise ScenarioError(f"the record is for scenario '{named}', not '{scenario_name or scenario.name}'",
                            source=source, where="scenario", fix="audit it against the scenario it names")


def _csv_record(text: str, scenario: Scenario, source: str) -> dict:
    """A CSV record as the mapping a YAML record would give."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:  # e.g. a lone carriage return inside a cell
        raise ScenarioError(f"malformed CSV ({error})", source=source, fix="save the file as plain CSV") from None
    if not rows:
        raise ScenarioError("no moves", source=source, fix="write a header row and one row per move")
    header = list(reader.fieldnames or [])
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise ScenarioError(f"the column '{repeated[0]}' appears twice", source=source, where="line 1",
                            fix="keep one of them")
    known = set(_CSV_MOVE_COLUMNS) | set(scenario.issue_names) | {"time"}
    unknown = [c for c in header if c not in known and not c.startswith("u_")]
    if unknown:
        raise ScenarioError(f"unknown column '{unknown[0]}'", source=source, where="line 1",
                            fix=f"use {', '.join(_CSV_MOVE_COLUMNS)} and the issues "
                                f"({', '.join(scenario.issue_names)})")
    moves = []
    for row in rows:
        move = {key: row[key] for key in _CSV_MOVE_COLUMNS if row.get(key)}
        offer = {name: row[name] for name in scenario.issue_names if row.get(name)}
        if offer:
            move["offer"] = offer
        moves.append(move)
    return {"accord-record": FORMAT_VERSION, "moves": moves}
