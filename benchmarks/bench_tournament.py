"""Tournament speed: NegMAS's cartesian tournament and Accord's, side by side in one run, on the same work.

4 strategies (linear aspiration, Boulware, Conceder, tit-for-tat) × GENIUS Laptop, ItexvsCypress and Grocery,
100 rounds, 192 sessions each side:

* NegMAS 0.16.0 ``cartesian_tournament``: 16 ordered pairings (self-play on) × 2 utility rotations × 3 scenarios
  × 2 repetitions.
* Accord: 16 ordered assignments (self-play, both role assignments) × 3 scenarios × 4 repetitions — the same
  role assignments, the same number of sessions, full path (plan, SQLite store, executor, stats).

Utilities are undiscounted on both sides by default (NegMAS ``ignore_discount=True``, Accord
``discounting=False``): NegMAS re-sorts a discounted utility function's inverse on every offer, which makes it
about 10× slower still; ``--discount`` measures both sides with discounting.

Usage::

    python benchmarks/bench_tournament.py                 # NegMAS vs Accord, serial and 2 processes
    python benchmarks/bench_tournament.py --scale 20000   # also Accord alone: serial vs 2 workers, 20,000 sessions
    python benchmarks/bench_tournament.py --skip-negmas --scale 20000

Uses the GENIUS domains of the bundled library (``src/accord/scenarios/library/genius``) and, for the NegMAS side, the
bench extra (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
import warnings
from pathlib import Path

from accord.io import load
from accord.tournament import Settings, Store, make_executor, plan, run, summarize

GENIUS = Path(__file__).resolve().parents[1] / "src" / "accord" / "scenarios" / "library" / "genius"
SCENARIOS = ("Laptop", "ItexvsCypress", "Grocery")
ACCORD_STRATEGIES = ("linear", "boulware", "conceder", "tit-for-tat")
ROUNDS = 100


def negmas_run(njobs: int, discount: bool) -> tuple[float, int]:
    from negmas.inout import Scenario
    from negmas.sao.negotiators import (BoulwareTBNegotiator, ConcederTBNegotiator, LinearTBNegotiator,
                                        NaiveTitForTatNegotiator)
    from negmas.tournaments.neg import cartesian_tournament

    scenarios = [Scenario.load(GENIUS / name) for name in SCENARIOS]
    competitors = [LinearTBNegotiator, BoulwareTBNegotiator, ConcederTBNegotiator, NaiveTitForTatNegotiator]
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        results = cartesian_tournament(
            competitors=competitors, scenarios=scenarios, n_repetitions=2, n_steps=ROUNDS, njobs=njobs,
            path=Path(folder) / "negmas", verbosity=0, save_scenario_figs=False, plot_fraction=0.0,
            self_play=True, rotate_ufuns=True, ignore_discount=not discount)
        seconds = time.perf_counter() - start
    return seconds, len(results.details)


def accord_run(scenarios, repetitions: int, workers: int, discount: bool) -> tuple[float, int, list]:
    settings = Settings(rounds=ROUNDS, discounting=discount)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        tournament = plan(scenarios, list(ACCORD_STRATEGIES), repetitions=repetitions, seed=0, self_play=True,
                          settings=settings)
        with Store(Path(folder) / "accord.db") as store, make_executor(workers) as executor:
            run(tournament, store, executor)
            stats = summarize(store.rows())
            seconds = time.perf_counter() - start
            count = store.count()
    return seconds, count, stats


def line(label: str, seconds: float, sessions: int) -> float:
    rate = sessions / seconds
    print(f"  {label:<28} {sessions:>7,} sessions  {seconds:8.3f} s  {rate:10,.1f} sessions/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel runs [2]")
    parser.add_argument("--scale", type=int, default=0, help="also time Accord alone on about this many sessions, "
                                                             "serial vs --workers")
    parser.add_argument("--skip-negmas", action="store_true", help="Accord only")
    parser.add_argument("--discount", action="store_true", help="discounted utilities on both sides")
    parser.add_argument("--repeat", type=int, default=5, help="Accord's 192-session runs: best of this many [5] "
                                                              "(each NegMAS run is long enough to time once)")
    args = parser.parse_args()
    if not GENIUS.is_dir():
        sys.exit(f"GENIUS domains not found at {GENIUS}")
    scenarios = [load(GENIUS / name) for name in SCENARIOS]

    print(f"192 sessions: 4 strategies × {', '.join(SCENARIOS)} × both roles, self-play, {ROUNDS} rounds"
          f"{' (discounted)' if args.discount else ''}")
    rates = {}
    if not args.skip_negmas:
        try:
            import negmas
        except ImportError:
            sys.exit('NegMAS is not installed: pip install -e ".[bench]" (or use --skip-negmas)')
        print(f"NegMAS {negmas.__version__} cartesian_tournament")
        seconds, count = negmas_run(-1, args.discount)
        rates["negmas", 1] = line("serial", seconds, count)
        seconds, count = negmas_run(args.workers, args.discount)
        rates["negmas", args.workers] = line(f"{args.workers} processes", seconds, count)
    print("Accord tournament (plan + SQLite store + executor + stats)")
    accord_run(scenarios, 1, 1, args.discount)  # warm-up: imports, scenario preparation
    for workers in (1, args.workers):
        runs = [accord_run(scenarios, 4, workers, args.discount) for _ in range(max(1, args.repeat))]
        seconds, count, stats = min(runs, key=lambda r: r[0])
        label = "serial" if workers == 1 else f"{workers} processes"
        rates["accord", workers] = line(f"{label} (best of {len(runs)})", seconds, count)
    print("  ranking: " + ", ".join(f"{s.name} {s.mean_utility:.3f}" for s in stats))
    if not args.skip_negmas:
        print("Accord / NegMAS sessions per second")
        for workers in (1, args.workers):
            label = "serial" if workers == 1 else f"{workers} processes"
            print(f"  {label:<28} {rates['accord', workers] / rates['negmas', workers]:8.1f}×")

    if args.scale:
        repetitions = max(1, math.ceil(args.scale / (16 * len(scenarios))))
        print(f"\nScale: Accord alone, {16 * len(scenarios) * repetitions:,} sessions, serial vs {args.workers} "
              "processes")
        serial, count, _ = accord_run(scenarios, repetitions, 1, args.discount)
        line("serial", serial, count)
        parallel, count, _ = accord_run(scenarios, repetitions, args.workers, args.discount)
        line(f"{args.workers} processes", parallel, count)
        print(f"  speed-up with {args.workers} processes: {serial / parallel:.2f}×")


if __name__ == "__main__":
    main()
