"""Benchmark ``accord robust``: 10^5 outcomes x 1,000 samples, against rebuilding and analysing each sample.

    .venv/bin/python benchmarks/bench_robust.py [--samples 1000] [--workers 2] [--brute 20] [--issues 5]
    .venv/bin/python benchmarks/bench_robust.py --issues 6 --dask local     # 10^6 outcomes on a Dask cluster

The one-by-one reference (``scenario_at`` + ``analyze`` per sample) runs ``--brute`` samples on one core and is
scaled up. The machine's load average is printed beside the figures, and the CPU time beside the wall time, so a
loaded machine can be told apart from a slow algorithm (the CPU time includes the workers', counted once they
have exited, and their start-up; ``--workers 1`` runs in this process). Starting a pool or a Dask cluster is
timed apart from the run's wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import numpy as np

from accord.analysis import analyze
from accord.io.accord_format import scenario_from_dict
from accord.robust import robust, scenario_at
from accord.robust.distributions import draw
from accord.executors import make_executor


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


def cpu_seconds() -> float:
    """User + system time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--brute", type=int, default=20)
    parser.add_argument("--issues", type=int, default=5, help="10 ** issues outcomes")
    parser.add_argument("--dask", default=None, help="a Dask scheduler address, or 'local' for a local cluster")
    args = parser.parse_args()
    s = scenario(args.issues)
    print(f"{analyze(s).n_outcomes:,} outcomes, {len(s.uncertainty.parameters)} uncertain numbers; {load()}")
    cpu, begun = cpu_seconds(), time.perf_counter()
    with make_executor(args.workers, dask=args.dask) as executor:
        started = time.perf_counter() - begun
        start = time.perf_counter()
        result = robust(s, args.samples, seed=1, executor=executor)
        fast = time.perf_counter() - start
    fast_cpu = cpu_seconds() - cpu  # the workers have exited: their CPU time counts too
    print(f"robust: {args.samples:,} samples in {fast:.2f} s wall, {fast_cpu:.2f} s CPU on {args.workers} "
          f"worker(s){' on Dask' if args.dask else ''} (P(zone) {result.p_zone:.3f}); {load()}")
    if args.dask or args.workers > 1:
        print(f"  starting the {'Dask cluster' if args.dask else 'process pool'} took {started:.2f} s more wall; "
              f"the CPU time includes it and the workers' own start")
    rows = draw(s.uncertainty, 1, range(args.brute))
    cpu, start = cpu_seconds(), time.perf_counter()
    for row in rows:
        analyze(scenario_at(s, row))
    per_sample, per_sample_cpu = (time.perf_counter() - start) / args.brute, (cpu_seconds() - cpu) / args.brute
    print(f"rebuild + analyze one by one: {per_sample * 1000:.1f} ms wall ({per_sample_cpu * 1000:.1f} ms CPU) "
          f"per sample, {per_sample * args.samples:.1f} s for {args.samples:,} on 1 core; {load()}")
    print(f"speed-up x{per_sample * args.samples / fast:.1f} in wall time "
          f"(x{per_sample * args.samples / (fast + started):.1f} counting the start-up), "
          f"x{per_sample_cpu * args.samples / fast_cpu:.1f} in CPU time")


if __name__ == "__main__":
    main()
