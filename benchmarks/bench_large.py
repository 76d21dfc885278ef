"""Exact analysis beyond enumeration: wall-clock and CPU time of ``analyze`` on GENIUS's large domains, the ANAC
2014 10¹⁰ domain and a synthetic 30-issue × 10-option additive scenario (10³⁰ outcomes), with the machine's load
average beside each figure (the CPU time is the fairer figure on a shared machine).

Usage:  python benchmarks/bench_large.py [--only NAME] [--repeat N]

Each workload runs ``--repeat`` times (default 3) and the best is printed. No peer does these exactly (GENIUS
ships a precomputed pareto.xml, NegMAS samples), so there is no ratio; the independent references are the exact
frontiers in ``tests/data/reference/`` and the MILP cross-check (``benchmarks/crosscheck_milp.py``).
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from accord.analysis import analyze
from accord.io import load
from accord.io.bundled import library_dir
from accord.model import Issue, LinearAdditive, Party, Scenario, Table

LIBRARY = library_dir()
DOMAINS = {
    "ANAC2014 10issues (10^10)": LIBRARY / "genius" / "ANAC2014_10issuesDiscountedwithRV",
    "S-1NIKFRT-1 (10^10)": LIBRARY / "genius-large" / "S-1NIKFRT-1",
    "30issues (10^30)": LIBRARY / "genius-large" / "30issues",
    "S-1NAGUNL-128 (10^30)": LIBRARY / "genius-large" / "S-1NAGUNL-128",
}


def additive_30x10(seed: int = 2019) -> Scenario:
    """30 categorical issues of 10 options, two parties with random weights and value tables."""
    rng = np.random.default_rng(seed)
    issues = tuple(Issue.categorical(f"i{k}", [f"o{v}" for v in range(10)]) for k in range(30))
    parties = []
    for name in ("a", "b"):
        weights = rng.random(30)
        parties.append(Party(name, LinearAdditive(tuple(weights / weights.sum()),
                                                  tuple(Table(tuple(rng.random(10))) for _ in issues))))
    return Scenario("additive-30x10", issues, tuple(parties))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the workloads whose name contains this")
    parser.add_argument("--repeat", type=int, default=3, help="runs per workload; the best is printed")
    args = parser.parse_args()
    workloads = {"additive 30x10 (10^30)": additive_30x10}
    workloads.update({name: (lambda path=path: load(path)) for name, path in DOMAINS.items() if path.is_dir()})
    for name, make in workloads.items():
        if args.only and args.only not in name:
            continue
        scenario = make()
        runs = []
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            analysis = analyze(scenario)
            runs.append((time.perf_counter() - start, time.process_time() - cpu))
        took, cpu = min(runs)
        print(f"{name:28s} {analysis.method:17s} wall {took:7.2f} s  cpu {cpu:7.2f} s  load {os.getloadavg()[0]:5.1f}  "
              f"frontier {len(analysis.pareto_points):4d} points, {analysis.pareto_outcomes} outcomes; "
              f"rational {analysis.rational_outcomes}", flush=True)


if __name__ == "__main__":
    main()
