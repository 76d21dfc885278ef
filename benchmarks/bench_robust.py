"""Benchmark ``accord robust``: 10^5 outcomes x 1,000 samples, against rebuilding and analysing each sample.

    .venv/bin/python benchmarks/bench_robust.py [--samples 1000] [--workers 2] [--brute 10]

The one-by-one reference (``scenario_at`` + ``analyze`` per sample) runs ``--brute`` samples and is scaled up.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from accord.analysis import analyze
from accord.io.accord_format import scenario_from_dict
from accord.robust import robust, scenario_at
from accord.robust.distributions import draw
from accord.tournament.executors import make_executor


def scenario(issues: int = 5, options: int = 10):
    """``options ** issues`` outcomes; opposed random tables; uncertain reservations and Dirichlet weights."""
    rng = np.random.default_rng(0)
    names = [f"i{k}" for k in range(issues)]
    document = {"accord": 1, "name": "bench-robust",
                "issues": [{"name": n, "options": [f"o{v}" for v in range(options)]} for n in names], "parties": []}
    for party, reservation in (("A", 0.5), ("B", 0.5)):
        weights = rng.dirichlet(np.ones(issues))
        weights = {n: float(w) for n, w in zip(names, weights / weights.sum())}
        document["parties"].append({
            "name": party, "reservation": {"value": reservation, "uniform": [reservation - 0.1, reservation + 0.1]},
            "utility": {"weights": {**weights, "dirichlet": 100},
                        "values": {n: {f"o{v}": float(x) for v, x in enumerate(rng.random(options))} for n in names}}})
    return scenario_from_dict(document, "bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--brute", type=int, default=10)
    args = parser.parse_args()
    s = scenario()
    print(f"{analyze(s).n_outcomes:,} outcomes, {len(s.uncertainty.parameters)} uncertain numbers")
    with make_executor(args.workers) as executor:
        start = time.perf_counter()
        result = robust(s, args.samples, seed=1, executor=executor)
        fast = time.perf_counter() - start
    print(f"robust: {args.samples:,} samples in {fast:.2f} s on {args.workers} workers "
          f"(P(zone) {result.p_zone:.3f})")
    start = time.perf_counter()
    for row in draw(s.uncertainty, 1, range(args.brute)):
        analyze(scenario_at(s, row))
    per_sample = (time.perf_counter() - start) / args.brute
    print(f"rebuild + analyze one by one: {per_sample * 1000:.0f} ms per sample, "
          f"{per_sample * args.samples:.1f} s for {args.samples:,} on 1 core; speed-up x{per_sample * args.samples / fast:.1f}")


if __name__ == "__main__":
    main()
