"""Stakeholder tables: one issue, one row per actor, validated into a frozen set of arrays.

A table is a list of ``(where, row)`` pairs, ``row`` mapping column names to raw values. Column names are
case-insensitive and accept the aliases of the published data sets (Actor/Stakeholder, Capability/Resources/Power).
A salience column with any value above 1 is read as percent and divided by 100 (its ``salience_sd`` too); a column
that also holds a fraction strictly between 0 and 1 mixes the two scales and is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from accord.errors import ScenarioError

ALIASES = {
    "actor": "actor",
    "stakeholder": "actor",
    "name": "actor",
    "position": "position",
    "salience": "salience",
    "capability": "capability",
    "resources": "capability",
    "power": "capability",
    "issue": "issue",
    "position_sd": "position_sd",
    "salience_sd": "salience_sd",
    "capability_sd": "capability_sd",
}
MAX_MAGNITUDE = 1e12
"""The largest position, capability or standard deviation a stakeholder file may give (beyond it the models'
products and sums overflow)."""
REQUIRED = ("actor", "position", "salience", "capability")
NUMERIC = ("position", "salience", "capability", "position_sd", "salience_sd", "capability_sd")
DEFAULT_ISSUE = "issue"
MAX_ACTORS = 300
"""The most actors of one issue: the expected-utility model compares every triple of actors (n³ per round, done in
blocks of bounded memory): ten rounds take a few seconds at this size."""

Row = Mapping[str, object]


def _frozen(values: Iterable[float]) -> np.ndarray:
    array = np.array(list(values), dtype=float)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class Stakeholders:
    """The actors of one issue: positions on the issue scale, salience in [0, 1], capability ≥ 0.

    The ``*_sd`` arrays give each value's standard deviation for Monte Carlo runs (0 = known exactly).
    """

    issue: str
    actors: tuple[str, ...]
    position: np.ndarray
    salience: np.ndarray
    capability: np.ndarray
    position_sd: np.ndarray
    salience_sd: np.ndarray
    capability_sd: np.ndarray
    scale: str = ""

    @property
    def weight(self) -> np.ndarray:
        """Return cᵢsᵢ, each actor's effective weight."""
        return self.capability * self.salience

    @property
    def uncertain(self) -> bool:
        """Return whether any value has a positive standard deviation."""
        return bool(np.any(self.position_sd > 0) or np.any(self.salience_sd > 0) or np.any(self.capability_sd > 0))


def check_actors(count: int, source: str) -> None:
    """Refuse more than :data:`MAX_ACTORS` actors on one issue, before any model runs."""
    if count > MAX_ACTORS:
        raise ScenarioError(f"{count:,} actors on one issue; Accord forecasts at most {MAX_ACTORS:,}", source=source,
                            fix="merge small actors into groups, or split the issue")


def canonical_column(name: object) -> str | None:
    """Return the canonical name of a column header, or ``None`` if the column is not one Accord reads."""
    key = "_".join(str(name).strip().lower().replace("-", " ").split())
    return ALIASES.get(key)


def table_to_stakeholders(
    rows: list[tuple[str, Row]],
    *,
    source: str,
    issue: str | None = None,
    scale: str = "",
    default_issue: str = DEFAULT_ISSUE,
) -> tuple[Stakeholders, ...]:
    """Validate a table and return one :class:`Stakeholders` per issue, in order of first appearance.

    ``issue`` names the issue of every row (YAML); otherwise an ``issue`` column splits the table (CSV), and rows
    without one belong to ``default_issue``.
    Raises :class:`ScenarioError` naming ``source``, the row and the fix for anything malformed.
    """
    if not rows:
        raise ScenarioError("no stakeholders", source=source, fix="add one row per actor")
    records = [(where, _canonical_row(row, where, source)) for where, row in rows]
    _check_required(records, source)
    percent = _percent(records, source)
    groups: dict[str, list[tuple[str, dict]]] = {}
    for where, record in records:
        if percent:
            record["salience"] /= 100
            record["salience_sd"] /= 100
        _check_ranges(record, where, source, percent)
        name = issue or str(record.get("issue") or "").strip() or default_issue
        groups.setdefault(name, []).append((where, record))
    for group in groups.values():
        check_actors(len(group), source)
    return tuple(_build(name, group, source, scale) for name, group in groups.items())


def _percent(records: list[tuple[str, dict]], source: str) -> bool:
    """Whether the salience column is in percent (some value above 1); a column that also holds a fraction
    strictly between 0 and 1 mixes the two scales and is refused."""
    above = next(((where, r["salience"]) for where, r in records if r["salience"] > 1), None)
    if above is None:
        return False
    below = next(((where, r["salience"]) for where, r in records if 0 < r["salience"] < 1), None)
    if below is not None:
        raise ScenarioError(
            f"the salience column mixes scales: {above[1]:g} ({above[0]}) is above 1, so the column is read as "
            f"percent, but {below[1]:g} ({below[0]}) is a fraction",
            source=source, where=below[0], fix="write every salience as 0-1, or every one as 0-100")
    return True


def _canonical_row(row: Row, where: str, source: str) -> dict:
    record: dict = {}
    given: dict[str, object] = {}
    for key, value in row.items():
        column = canonical_column(key)
        if column is None:
            continue
        if column in record:
            raise ScenarioError(f"the columns '{given[column]}' and '{key}' both give {column}", source=source,
                                where=where, fix="keep one of them")
        record[column] = value
        given[column] = key
    for column in NUMERIC:
        blank = record.get(column) is None or str(record[column]).strip() == ""
        if column.endswith("_sd") and blank:  # an optional spread left empty: the value is known exactly
            record[column] = 0.0
        elif column in record:
            record[column] = _number(record[column], column, where, source)
    return record


def _number(value: object, column: str, where: str, source: str) -> float:
    text = "" if value is None else str(value).strip()
    if isinstance(value, bool):
        text = "?"
    try:
        number = float(text.rstrip("%")) if text else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise ScenarioError(
            f"{column} is not a number ({shown or 'empty'})", source=source, where=where,
            fix=f"write {column} as a number"
        )
    if abs(number) > MAX_MAGNITUDE:
        raise ScenarioError(
            f"{column} {number:g} is larger than {MAX_MAGNITUDE:g}", source=source, where=where,
            fix=f"rescale the {column} column to a smaller unit"
        )
    return number


def check_header(header: list[str], source: str, where: str = "line 1") -> None:
    """Refuse a table header that lacks a required column (under any accepted name)."""
    named = {canonical_column(cell) for cell in header}
    for column in REQUIRED:
        if column not in named:
            raise _missing(column, source, where)


def _check_required(records: list[tuple[str, dict]], source: str) -> None:
    for column in REQUIRED:
        for where, record in records:
            if column not in record:
                raise _missing(column, source, where)


def _missing(column: str, source: str, where: str) -> ScenarioError:
    return ScenarioError(f"missing column '{column}'", source=source, where=where,
                         fix=f"add a {column} column ({_hint(column)})")


def _hint(column: str) -> str:
    return {
        "actor": "also accepted: Stakeholder, Name",
        "position": "a point on the issue scale",
        "salience": "0-1, or 0-100 read as percent",
        "capability": "also accepted: Resources, Power; any non-negative scale",
    }[column]


def _check_ranges(record: dict, where: str, source: str, percent: bool) -> None:
    if not str(record["actor"] or "").strip():
        raise ScenarioError("actor name is empty", source=source, where=where, fix="name every actor")
    if not 0 <= record["salience"] <= 1:
        shown = record["salience"] * (100 if percent else 1)
        raise ScenarioError(
            f"salience {shown:g} is out of range",
            source=source,
            where=where,
            fix="use 0-1 (or 0-100 for percent throughout the column)",
        )
    if record["capability"] < 0:
        raise ScenarioError(
            f"capability {record['capability']:g} is negative", source=source, where=where, fix="use a value >= 0"
        )
    for column in ("position_sd", "salience_sd", "capability_sd"):
        if record[column] < 0:
            raise ScenarioError(
                f"{column} {record[column]:g} is negative", source=source, where=where, fix="use a value >= 0"
            )


def _build(issue: str, group: list[tuple[str, dict]], source: str, scale: str) -> Stakeholders:
    names = [str(record["actor"]).strip() for _, record in group]
    seen: set[str] = set()
    for (where, _), name in zip(group, names):
        if name in seen:
            raise ScenarioError(
                f"actor '{name}' appears twice in issue '{issue}'", source=source, where=where, fix="merge the rows"
            )
        seen.add(name)
    column = {key: _frozen(record[key] for _, record in group) for key in NUMERIC}
    if not (column["capability"] * column["salience"]).sum() > 0:
        raise ScenarioError(
            f"every actor in issue '{issue}' has zero capability or zero salience",
            source=source,
            fix="give at least one actor positive capability and salience",
        )
    return Stakeholders(issue=issue, actors=tuple(names), scale=scale, **column)
