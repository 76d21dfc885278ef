"""Direct, one-outcome-at-a-time computations the audit is checked against (slow and obviously right)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np

from accord.io import load
from accord.model import Scenario

DATA = Path(__file__).resolve().parents[1] / "data"


def scenario(name: str) -> Scenario:
    return load(DATA / f"{name}.yaml")


def feasible(scenario: Scenario) -> list[tuple[int, ...]]:
    """Every feasible outcome as value indices, in C order."""
    rows = []
    for row in itertools.product(*(range(issue.size) for issue in scenario.issues)):
        ruled_out = any(all(row[position] in indices for position, indices in c.forbid) for c in scenario.constraints)
        if not ruled_out:
            rows.append(row)
    return rows


def utility(function, scenario: Scenario, row: tuple[int, ...]) -> float:
    return round(float(function.evaluate(scenario.issues, np.array([row]))[0]), 10)


def utilities(scenario: Scenario, row: tuple[int, ...]) -> tuple[float, ...]:
    return tuple(utility(party.utility, scenario, row) for party in scenario.parties)


def ratified(scenario: Scenario, row: tuple[int, ...]) -> bool | None:
    verdicts = [utility(c.utility, scenario, row) >= round(c.threshold, 10)
                for party in scenario.parties for c in party.constituencies]
    return all(verdicts) if verdicts else None


def dominates(q, p) -> bool:
    return all(a >= b for a, b in zip(q, p)) and any(a > b for a, b in zip(q, p))


def frontier(scenario: Scenario) -> list[tuple[float, ...]]:
    points = {utilities(scenario, row) for row in feasible(scenario)}
    return [p for p in points if not any(dominates(q, p) for q in points)]


def pareto_distance(scenario: Scenario, point) -> float:
    return min(math.dist(f, point) for f in frontier(scenario) if all(a >= b for a, b in zip(f, point)))


def completions(scenario: Scenario, offer: dict[str, object]) -> list[tuple[int, ...]]:
    names = scenario.issue_names
    fixed = {names.index(k): scenario.issue(k).index_of(v) for k, v in offer.items()}
    return [row for row in feasible(scenario) if all(row[i] == v for i, v in fixed.items())]


def mapped(name: str):
    """``(scenario, its audit map, its feasible rows, their utilities)`` of a test scenario."""
    from accord.audit.outcomes import audit_map

    loaded = scenario(name)
    rows = feasible(loaded)
    return loaded, audit_map(loaded), rows, [utilities(loaded, row) for row in rows]
