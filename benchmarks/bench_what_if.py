"""The workbench's "what if": one weight changed, frontier and solutions recomputed — Accord's API vs NegMAS.

Usage:  python benchmarks/bench_what_if.py [--outcomes 100000] [--repeat 5]
Accord is timed through the JSON API (``POST /api/analyze`` in FastAPI's test client: parse, validate, analyse,
serialise), the way the page calls it. NegMAS (the bench extra) recomputes the same frontier and Nash point.
The issue's target: under 1 s at 10^5 outcomes.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import negmas_time  # noqa: E402
from synthetic import accord_scenario, negmas_scenario, synthetic_spec  # noqa: E402

from accord.io.accord_format import scenario_to_dict  # noqa: E402


def reweighted(spec, party: int, issue: int, weight: float):
    """``spec`` with one weight set and the party's other weights rescaled to keep the sum at 1."""
    weights = list(spec.weights[party])
    rest = sum(w for k, w in enumerate(weights) if k != issue)
    weights = [weight if k == issue else w * (1 - weight) / rest for k, w in enumerate(weights)]
    all_weights = list(spec.weights)
    all_weights[party] = tuple(weights)
    return dataclasses.replace(spec, weights=tuple(all_weights))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outcomes", type=int, default=10**5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from accord.web import create_app

    spec = synthetic_spec(args.outcomes)
    edits = [reweighted(spec, 0, 0, w) for w in (0.1, 0.3, 0.5, 0.7, 0.9)][:max(1, args.repeat)]
    times = []
    with TestClient(create_app()) as client:
        client.post("/api/analyze", json={"scenario": scenario_to_dict(accord_scenario(spec))})  # warm up
        for edit in edits:
            document = scenario_to_dict(accord_scenario(edit))
            start = time.perf_counter()
            response = client.post("/api/analyze", json={"scenario": document})
            times.append(time.perf_counter() - start)
            response.raise_for_status()
    ours = statistics.median(times)
    print(f"what-if at {args.outcomes:,} outcomes, {len(times)} edits: Accord API median {ours:.3f} s, "
          f"worst {max(times):.3f} s (target < 1 s)")
    try:
        import negmas  # noqa: F401
    except ImportError:
        print('NegMAS is not installed (pip install -e ".[bench]"): no side-by-side figure')
        return
    _, space, ufuns = negmas_scenario(edits[0])
    theirs, _ = negmas_time(ufuns, space, 1)
    print(f"NegMAS frontier + Nash for the same edit: {theirs:.3f} s ({theirs / ours:.1f}x Accord's whole API call)")


if __name__ == "__main__":
    main()
