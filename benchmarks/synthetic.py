"""Synthetic linear-additive scenarios shared by the benchmarks (fixed seed, both tools get the same numbers)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.model import Issue, LinearAdditive, Party, Scenario, Table


@dataclass(frozen=True)
class SyntheticSpec:
    """Issue sizes, and per party the weights and per-issue value tables."""

    sizes: tuple[int, ...]
    weights: tuple[tuple[float, ...], ...]
    values: tuple[tuple[tuple[float, ...], ...], ...]


def issue_sizes(n_outcomes: int) -> tuple[int, ...]:
    """Issues of 10 values each (plus one smaller issue) whose product is ``n_outcomes``."""
    sizes = []
    remaining = n_outcomes
    while remaining >= 10:
        sizes.append(10)
        remaining //= 10
    if remaining > 1:
        sizes.append(remaining)
    return tuple(sizes)


def synthetic_spec(n_outcomes: int, n_parties: int = 2, seed: int = 2019) -> SyntheticSpec:
    rng = np.random.default_rng(seed)
    sizes = issue_sizes(n_outcomes)
    weights, values = [], []
    for _ in range(n_parties):
        raw = rng.random(len(sizes)) + 0.05
        weights.append(tuple(float(w) for w in raw / raw.sum()))
        values.append(tuple(tuple(float(v) for v in np.round(rng.random(size), 6)) for size in sizes))
    return SyntheticSpec(sizes, tuple(weights), tuple(values))


def accord_scenario(spec: SyntheticSpec) -> Scenario:
    issues = tuple(Issue.categorical(f"i{k}", [f"v{j}" for j in range(size)]) for k, size in enumerate(spec.sizes))
    parties = tuple(
        Party(f"p{p}", LinearAdditive(spec.weights[p], tuple(Table(t) for t in spec.values[p])))
        for p in range(len(spec.weights)))
    return Scenario(f"synthetic-{int(np.prod(spec.sizes))}", issues, parties)


def negmas_scenario(spec: SyntheticSpec):
    """The same scenario as NegMAS issues and linear-additive utility functions."""
    from negmas import LinearAdditiveUtilityFunction, make_issue, make_os
    from negmas.preferences.value_fun import TableFun

    issues = [make_issue([f"v{j}" for j in range(size)], name=f"i{k}") for k, size in enumerate(spec.sizes)]
    space = make_os(issues)
    ufuns = []
    for p in range(len(spec.weights)):
        functions = [TableFun({f"v{j}": v for j, v in enumerate(table)}) for table in spec.values[p]]
        ufuns.append(LinearAdditiveUtilityFunction(functions, weights=list(spec.weights[p]), outcome_space=space))
    return issues, space, ufuns
