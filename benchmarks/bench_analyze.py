"""Accord vs NegMAS, side by side in one run: utility evaluation + Pareto frontier + Nash point.

Usage:  python benchmarks/bench_analyze.py [--sizes 1000,10000,100000,1000000] [--repeat 3]
Needs the bench extra (``pip install -e ".[bench]"``) for the NegMAS side.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import accord_scenario, negmas_scenario, synthetic_spec  # noqa: E402

from accord.analysis import analyze  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / "src" / "accord" / "scenarios" / "library" / "genius" / "Energy"


def best_of(repeat: int, function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def accord_time(scenario, repeat: int) -> tuple[float, tuple]:
    seconds, analysis = best_of(repeat, lambda: analyze(scenario))
    return seconds, (len(analysis.pareto_points), analysis.solutions["nash"].utilities)


def negmas_time(ufuns, space, repeat: int) -> tuple[float, tuple]:
    from negmas.preferences.ops import nash_points, pareto_frontier

    def run():
        outcomes = list(space.enumerate_or_sample())
        front, _ = pareto_frontier(ufuns, outcomes=outcomes, sort_by_welfare=True)
        nash = nash_points(ufuns, front, outcome_space=space)
        return len(set(front)), nash[0][0] if nash else None

    return best_of(repeat, run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        import negmas
    except ImportError:
        sys.exit('NegMAS is not installed: pip install -e ".[bench]"')
    print(f"NegMAS {negmas.__version__}; best of {args.repeat}; times in seconds "
          "(utility evaluation + Pareto frontier + Nash)")
    print(f"{'scenario':>24} {'outcomes':>10} {'accord':>9} {'negmas':>9} {'negmas/accord':>14}  frontier (A/N)")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        spec = synthetic_spec(size)
        ours, (front_a, nash_a) = accord_time(accord_scenario(spec), args.repeat)
        _, space, ufuns = negmas_scenario(spec)
        theirs, (front_n, nash_n) = negmas_time(ufuns, space, max(1, args.repeat if size < 10**6 else 1))
        rows.append((f"synthetic", size, ours, theirs, f"{front_a}/{front_n}"))
    if SHARED.exists():
        from negmas import Scenario as NegmasScenario

        from accord.io import load

        energy = load(SHARED)
        ours, _ = accord_time(energy, args.repeat)
        theirs_scenario = NegmasScenario.from_genius_folder(SHARED, ignore_discount=True)
        theirs, _ = negmas_time(theirs_scenario.ufuns, theirs_scenario.outcome_space, 1)
        rows.append(("GENIUS Energy", energy.cartesian_size, ours, theirs, ""))
    for name, size, ours, theirs, front in rows:
        print(f"{name:>24} {size:>10,} {ours:>9.4f} {theirs:>9.3f} {theirs / ours:>13.1f}x  {front}")
    if SHARED.exists():
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "accord.cli.main", "analyze", str(SHARED)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"whole `accord analyze` of GENIUS Energy (process start to exit): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
