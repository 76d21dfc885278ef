"""Outcomes that can be Pareto-optimal: options dominated issue by issue, whatever the sampled numbers.

An option *b* of an issue is dominated by an option *a* when every party values *a* at least as much as *b* for
every value the uncertain numbers may take (the lowest value of *a* is at least the highest of *b*), and some
party strictly more. Weights are never negative, so replacing *b* by *a* never lowers a party's sum: every
outcome using a dominated option is weakly dominated by one built from undominated options only (the candidate
outcomes, usually a few hundred of 10⁶). The frontier of the candidates is then the whole space's frontier
unless some outcome ties a candidate after rounding; :func:`covered` proves per sample that none can (each
replacement costs some party more than rounding and the clip at 1 can hide), so the frontier is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.model import LinearAdditive, Scenario, Table, TriangularDistribution, TruncatedNormal, Uniform
from accord.robust.parameters import Target
from accord.space import OutcomeSpace

GAP = 1e-8  # utility a replacement must cost some party (rounding is to 1e-10; sums err by ~1e-15)


@dataclass(frozen=True)
class Dominance:
    """The candidate outcomes (ascending positions) and, per dominated option, the undominated option that
    replaces it: ``checks`` rows are ``(issue, dominated option, replacement)``."""

    positions: np.ndarray
    checks: np.ndarray


def _bounds(distribution) -> tuple[float, float] | None:
    if isinstance(distribution, (Uniform, TriangularDistribution, TruncatedNormal)):
        return distribution.low, distribution.high
    return None


def _issue_bounds(scenario: Scenario, targets: tuple[Target, ...], party: int, issue: int
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """Lowest and highest value of each option of ``issue`` for ``party`` over every sample: weighted when
    the party's utility has no uncertain number (weights never change), else unweighted (weights vary but stay
    ≥ 0). ``None`` when an uncertain value-function parameter makes the values hard to bound."""
    utility, item = scenario.parties[party].utility, scenario.issues[issue]
    mine = [(t, d) for t, d in zip(targets, _distributions(scenario)) if t.slot == (party, None)
            and t.field not in ("reservation", "threshold")]
    if not mine:
        values = utility.issue_values(scenario.issues)[issue]
        return values, values
    low = np.asarray(utility.functions[issue].evaluate(item), dtype=float)
    high = low.copy()
    for target, distribution in mine:
        if target.issue != issue or target.field == "weight":
            continue
        bounds = _bounds(distribution)
        if target.field != "option" or not isinstance(utility.functions[issue], Table) or bounds is None:
            return None
        low[target.option], high[target.option] = bounds
    return low, high


def _distributions(scenario: Scenario) -> list:
    """The distribution of every parameter, in ``uncertainty.parameters`` order (a Dirichlet for each of its
    components)."""
    out = []
    for _, distribution in scenario.uncertainty.distributions:
        names = getattr(distribution, "names", None)
        out.extend([distribution] * (len(names) if names is not None else 1))
    return out


def dominance(scenario: Scenario, space: OutcomeSpace, targets: tuple[Target, ...],
              indices: np.ndarray) -> Dominance | None:
    """The candidates of ``scenario`` (``indices``: ``(n_issues, n)`` value indices of every outcome), or
    ``None`` when the test does not apply: constraints (a replacement may be infeasible) or a party's utility
    that is not linear-additive."""
    if space.feasible_indices is not None or not all(isinstance(p.utility, LinearAdditive)
                                                      for p in scenario.parties):
        return None
    keep = []
    checks = []
    for i, issue in enumerate(scenario.issues):
        bounds = [_issue_bounds(scenario, targets, j, i) for j in range(len(scenario.parties))]
        if any(b is None for b in bounds):
            keep.append(np.ones(issue.size, dtype=bool))
            continue
        low = np.stack([b[0] for b in bounds])    # (parties, options)
        high = np.stack([b[1] for b in bounds])
        # beats[a, b]: a dominates b
        beats = (low[:, :, None] >= high[:, None, :]).all(axis=0) & (low[:, :, None] > high[:, None, :]).any(axis=0)
        undominated = ~beats.any(axis=0)
        keep.append(undominated)
        for b in np.flatnonzero(~undominated):
            a = np.flatnonzero(beats[:, b] & undominated)[0]  # a dominator that is itself undominated
            checks.append((i, b, a))
    mask = np.ones(indices.shape[1], dtype=bool)
    for i, kept in enumerate(keep):
        if not kept.all():
            mask &= kept[indices[i]]
    return Dominance(np.flatnonzero(mask), np.asarray(checks, dtype=np.intp).reshape(-1, 3))


def covered(dominance: Dominance, tables: list[list[np.ndarray]]) -> np.ndarray:
    """``(S,)``: in which samples the candidates' frontier is provably the whole frontier. ``tables[j][i]`` is
    party j's ``(S, options)`` weighted values of issue i. Each replacement must cost some party more than
    ``GAP`` while leaving that party's utility below 1 − ``GAP`` (so neither rounding nor the clip at 1 can make
    the replaced outcome tie its candidate)."""
    samples = tables[0][0].shape[0]
    if not len(dominance.checks):
        return np.ones(samples, dtype=bool)
    issue, dominated, replacement = dominance.checks.T
    strict = np.zeros((samples, len(issue)), dtype=bool)
    for party in tables:
        width = max(t.shape[1] for t in party)
        values = np.full((samples, len(party), width), -np.inf)  # (S, issues, options), padded
        for i, table in enumerate(party):
            values[:, i, :table.shape[1]] = table
        best = values.max(axis=2).sum(axis=1)  # (S,) the most the party can get
        gap = values[:, issue, replacement] - values[:, issue, dominated]  # (S, checks)
        strict |= (gap > GAP) & (best[:, None] - gap <= 1 - GAP)
    return strict.all(axis=1)
