"""Shared Hypothesis generators: issues, utilities, scenarios and utility matrices."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.model import (Constraint, Issue, Linear, LinearAdditive, Party, Rectangle, RectangleSum, Scenario, Table,
                          Triangular)

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def issues(draw, index: int = 0) -> Issue:
    kind = draw(st.sampled_from(["categorical", "integer", "real"]))
    name = f"issue{index}"
    if kind == "categorical":
        n = draw(st.integers(1, 4))
        return Issue.categorical(name, [f"o{k}" for k in range(n)])
    if kind == "integer":
        low = draw(st.integers(-3, 3))
        return Issue.integer(name, low, low + draw(st.integers(0, 4)))
    low = draw(st.floats(-2, 2, allow_nan=False))
    return Issue.real(name, low, low + draw(st.floats(0.5, 3)), draw(st.integers(2, 5)))


@st.composite
def value_functions(draw, issue: Issue):
    if issue.kind == "categorical":
        return Table(tuple(draw(st.lists(unit, min_size=issue.size, max_size=issue.size))))
    if draw(st.booleans()):
        return Linear(draw(st.floats(-1, 1)), draw(unit), issue.low)
    low, high = issue.low, issue.high
    top = draw(st.floats(low, high))
    return Triangular(low, high, top)


@st.composite
def additive_utilities(draw, issue_list: tuple[Issue, ...]) -> LinearAdditive:
    raw = draw(st.lists(st.floats(0.01, 1), min_size=len(issue_list), max_size=len(issue_list)))
    weights = tuple(w / sum(raw) for w in raw)
    return LinearAdditive(weights, tuple(draw(value_functions(issue)) for issue in issue_list))


@st.composite
def scenarios(draw, max_parties: int = 3) -> Scenario:
    n_issues = draw(st.integers(1, 4))
    issue_list = tuple(draw(issues(k)) for k in range(n_issues))
    n_parties = draw(st.integers(2, max_parties))
    parties = tuple(Party(f"p{k}", draw(additive_utilities(issue_list)), draw(st.floats(0, 0.6)))
                    for k in range(n_parties))
    constraints: tuple[Constraint, ...] = ()
    if draw(st.booleans()) and issue_list[0].size > 1:
        constraints = (Constraint(((0, (0,)),)),)
    return Scenario("random", issue_list, parties, constraints)


def utility_matrices(max_rows: int = 60, max_parties: int = 4):
    """Random utility matrices on a coarse grid, so that ties and duplicates are common."""
    return st.integers(1, max_parties).flatmap(
        lambda k: arrays(np.float64, st.tuples(st.integers(0, max_rows), st.just(k)),
                         elements=st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 1.0])))


@st.composite
def constrained_scenarios(draw, max_parties: int = 3) -> Scenario:
    """Additive scenarios with up to three hard constraints, each over one to three issues."""
    base = draw(scenarios(max_parties))
    n = len(base.issues)
    constraints = []
    for _ in range(draw(st.integers(0, 3))):
        named = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=min(3, n), unique=True))
        constraints.append(Constraint(tuple(
            (p, tuple(draw(st.lists(st.integers(0, base.issues[p].size - 1), min_size=1, unique=True))))
            for p in sorted(named))))
    return Scenario(base.name, base.issues, base.parties, tuple(constraints))


@st.composite
def rectangle_utilities(draw, issue_list: tuple[Issue, ...]) -> RectangleSum:
    """GENIUS 2014 style utilities: inclusive and exclusive rectangles over integer issues, some unbounded."""
    boxes = []
    for _ in range(draw(st.integers(1, 6))):
        bounds = []
        for position in draw(st.lists(st.integers(0, len(issue_list) - 1), max_size=3, unique=True)):
            low = draw(st.integers(0, issue_list[position].size - 1))
            bounds.append((position, float(low), float(draw(st.integers(low, issue_list[position].size - 1)))))
        boxes.append(Rectangle(float(draw(st.integers(-5, 20))), tuple(bounds), draw(st.booleans())))
    return RectangleSum(tuple(boxes), float(draw(st.integers(5, 40))))


@st.composite
def rectangle_scenarios(draw, max_parties: int = 3) -> Scenario:
    """Two or three parties with rectangle utilities over two to five integer issues 0..n."""
    issue_list = tuple(Issue.integer(f"i{k}", 0, draw(st.integers(0, 3))) for k in range(draw(st.integers(2, 5))))
    parties = tuple(Party(f"p{k}", draw(rectangle_utilities(issue_list)), draw(st.sampled_from([0.0, 0.2, 0.5])))
                    for k in range(draw(st.integers(2, max_parties))))
    return Scenario("rectangles", issue_list, parties)
