"""The frontier of a two-party hyper-rectangle scenario by a MILP solver (HiGHS through scipy), a cross-check for
the exact searches where enumeration cannot reach (GENIUS's 30issues, 10³⁰ outcomes).

Model: x[i, v] (issue i takes value v, one per issue), y[r] ≤ Σ x[i, v] over the values in each bound of
rectangle r (inclusive rectangles with non-negative integer utilities only), z[j] ≤ party j's sum Σ u_r y[r] and
z[j] ≤ its normaliser, so at an optimum z[j] is the clipped integer sum. Epsilon-constraint with two integer
objectives: from level L = 0, b = max z2 subject to z1 ≥ L, then a = max z1 subject to z2 ≥ b; (a, b) is a
frontier point; next L = a + 1. The MIP gap is set to zero and each point is re-evaluated exactly from the
solver's x. Counts of outcomes are not computed here. Also prints the LP relaxation's bound of z1 + z2.

Also each party's worst deal (its least sum, then the other's most), with the focus party's rectangles linked
both ways. ``--json`` prints the integer sums as the test reference ``tests/data/reference/genius-large-milp.json``
holds them.

Usage:  python benchmarks/crosscheck_milp.py [NAME or FOLDER ...] [--json]   (needs scipy, in the test extra; default 30issues)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from accord.io import load
from accord.io.bundled import library_dir


def _model(scenario):
    from scipy.sparse import lil_matrix

    sizes = [issue.size for issue in scenario.issues]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    numeric = [np.asarray(i.values if i.is_numeric else range(i.size), dtype=float) for i in scenario.issues]
    boxes = [(j, r) for j, p in enumerate(scenario.parties) for r in p.utility.rectangles]
    if len(scenario.parties) != 2 or any(r.exclusive or r.utility < 0 or r.utility != int(r.utility)
                                         for _, r in boxes):
        raise SystemExit(f"{scenario.name}: needs two parties with non-negative integer inclusive rectangles")
    nx, nr = int(offsets[-1]), len(boxes)
    n_rows = len(sizes) + sum(len(r.bounds) for _, r in boxes) + 2
    a = lil_matrix((n_rows, nx + nr + 2))
    low, high, row = [], [], 0
    for i in range(len(sizes)):
        a[row, offsets[i]:offsets[i + 1]] = 1
        low.append(1), high.append(1)
        row += 1
    constant = np.zeros(2)
    for t, (j, box) in enumerate(boxes):
        if not box.bounds:
            constant[j] += box.utility
        for position, lo, hi in box.bounds:
            a[row, nx + t] = 1
            for v in np.flatnonzero((numeric[position] >= lo) & (numeric[position] <= hi)):
                a[row, offsets[position] + v] = -1
            low.append(-np.inf), high.append(0)
            row += 1
    for j in range(2):
        a[row, nx + nr + j] = 1
        for t, (owner, box) in enumerate(boxes):
            if owner == j and box.bounds:
                a[row, nx + t] = -box.utility
        low.append(-np.inf), high.append(constant[j])
        row += 1
    tops = np.array([p.utility.normalizer for p in scenario.parties])
    return a.tocsr(), np.array(low), np.array(high), nx, nr, tops, boxes, offsets, numeric


def frontier(scenario) -> tuple[list[tuple[int, int]], float]:
    """The frontier as clipped integer sums, and the LP bound of z1 + z2 (as utilities)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    a, low, high, nx, nr, tops, boxes, offsets, numeric = _model(scenario)
    n = a.shape[1]
    integrality = np.r_[np.ones(nx + nr), np.zeros(2)]
    options = {"mip_rel_gap": 0.0}

    def solve(objective: int, floor: np.ndarray):
        c = np.zeros(n)
        c[nx + nr + objective] = -1.0
        bounds = Bounds(np.r_[np.zeros(nx + nr), floor], np.r_[np.ones(nx + nr), tops])
        res = milp(c, constraints=LinearConstraint(a, low, high), integrality=integrality, bounds=bounds,
                   options=options)
        return None if res.status != 0 else _exact(res.x[:nx], boxes, offsets, numeric, tops)

    points, level = [], 0
    while True:
        got = solve(1, np.array([level, 0.0]))
        if got is None:
            break
        got = solve(0, np.array([0.0, got[1]]))
        points.append(got)
        level = got[0] + 1
        if level > tops[0]:
            break
    c = np.zeros(n)
    c[nx + nr:] = -1.0 / tops
    relaxed = milp(c, constraints=LinearConstraint(a, low, high),
                   bounds=Bounds(np.zeros(n), np.r_[np.ones(nx + nr), tops]))
    return points, -relaxed.fun


def worst_deals(scenario) -> list[tuple[int, int]]:
    """Per party, the clipped integer sums of its worst deal: its least sum, then the other's most (the sums
    are linked both ways for the focus party: a rectangle counts exactly when the outcome lies inside it)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix, vstack

    a, low, high, nx, nr, tops, boxes, offsets, numeric = _model(scenario)
    n = a.shape[1]
    integrality = np.r_[np.ones(nx + nr), np.zeros(2)]
    bounds = Bounds(np.zeros(n), np.r_[np.ones(nx + nr), tops])
    deals = []
    for focus in range(2):
        forced = lil_matrix((nr, n))  # y_r >= (bounds inside) - (bounds - 1): inside all bounds forces y_r = 1
        rows, upper = 0, []
        for t, (j, box) in enumerate(boxes):
            if j == focus and box.bounds:
                forced[rows, nx + t] = -1
                for position, lo, hi in box.bounds:
                    for v in np.flatnonzero((numeric[position] >= lo) & (numeric[position] <= hi)):
                        forced[rows, offsets[position] + v] += 1
                upper.append(len(box.bounds) - 1)
                rows += 1
        cost = np.zeros(n)
        for t, (j, box) in enumerate(boxes):
            if j == focus and box.bounds:
                cost[nx + t] = box.utility
        linked = LinearConstraint(vstack([a, forced[:rows]]).tocsr(), np.r_[low, np.full(rows, -np.inf)],
                                  np.r_[high, upper])
        least = milp(cost, constraints=linked, integrality=integrality, bounds=bounds,
                     options={"mip_rel_gap": 0.0})
        capped = LinearConstraint(cost[None, :], -np.inf, round(least.fun))
        objective = np.zeros(n)
        objective[nx + nr + 1 - focus] = -1.0
        most = milp(objective, constraints=[linked, capped], integrality=integrality, bounds=bounds,
                    options={"mip_rel_gap": 0.0})
        deals.append(_exact(most.x[:nx], boxes, offsets, numeric, tops))
    return deals


def _exact(x, boxes, offsets, numeric, tops) -> tuple[int, int]:
    """The clipped integer sums of the outcome the solver chose (re-evaluated, not read from z)."""
    values = [int(np.argmax(x[offsets[i]:offsets[i + 1]])) for i in range(len(offsets) - 1)]
    sums = np.zeros(2)
    for j, box in boxes:
        if all(lo <= numeric[p][values[p]] <= hi for p, lo, hi in box.bounds):
            sums[j] += box.utility
    return tuple(int(s) for s in np.minimum(sums, tops))


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or ["30issues"]
    for name in names:
        folder = Path(name) if Path(name).is_dir() else library_dir() / "genius-large" / name
        scenario = load(folder)
        start, cpu = time.perf_counter(), time.process_time()
        points, relaxed = frontier(scenario)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        tops = np.array([p.utility.normalizer for p in scenario.parties])
        utilities = np.round(np.array(points) / tops, 10)
        print(f"{name}: {len(points)} frontier points, wall {took:.2f} s, cpu {cpu:.2f} s; "
              f"LP bound of u1 + u2 {relaxed:.6f}, best {utilities.sum(axis=1).max():.6f}")
        for u in utilities:
            print(f"  {u[0]:.10f} {u[1]:.10f}")
        worst = worst_deals(scenario)
        for party, deal in zip(scenario.party_names, worst):
            print(f"  worst deal of {party}: {deal[0]}/{tops[0]:.0f}, {deal[1]}/{tops[1]:.0f}")
        if "--json" in sys.argv:
            print(json.dumps({name: {"frontier_sums": [list(map(int, p)) for p in points],
                                     "worst_sums": [list(map(int, d)) for d in worst]}}))
        if not (folder / "pareto.xml").is_file():  # a domain of one's own: no published frontier to compare
            continue
        published = np.loadtxt(folder / "pareto.xml", delimiter=",", ndmin=2)
        beaten = [(utilities >= p - 1e-6).all(axis=1).any() for p in published]
        strictly = [((utilities >= p - 1e-9).all(axis=1) & (utilities > p + 1e-9).any(axis=1)).any()
                    for p in published]
        print(f"  pareto.xml: {len(published)} points, {sum(beaten)} weakly dominated, "
              f"{sum(strictly)} strictly dominated")


if __name__ == "__main__":
    main()
