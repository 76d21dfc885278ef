"""Speed of simulated negotiations: Accord and NegMAS 0.16.0 side by side, in one run.

    python benchmarks/bench_simulate.py            # needs NegMAS: pip install -e ".[bench]"
    python benchmarks/bench_simulate.py --quick    # fewer sessions

Pairs Boulware vs Conceder and Boulware vs Boulware, a 1000-round deadline, on synthetic linear-additive
scenarios of 10² … 10⁵ outcomes (2 … 5 issues of 10 values; weights and value tables drawn with a fixed seed).
Both tools negotiate the very same scenario: the NegMAS side is built from the same weights and tables. A NegMAS
step under SAOMechanism (one_offer_per_step=False) is one round: every negotiator acts once, as in an Accord
round.

Set-up is the time from scenario data to a session ready to run: Accord's ``prepare`` (outcome space, utility
matrix, sorted columns, frontier, Nash; cached afterwards, measured cold, median of 5) and NegMAS's outcome
space, utility functions, mechanism, negotiators and first step (where its negotiators do their lazy set-up).
Accord's rounds/s include everything per session (views, protocol loop, result with its trace); sessions/s
reuse the prepared scenario, as a tournament does. Timings are printed, never asserted; on a shared machine,
run it twice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from accord.model import Issue, LinearAdditive, Party, Scenario, Table
from accord.simulate import prepare, run_session

SIZES = {100: 2, 1_000: 3, 10_000: 4, 100_000: 5}
PAIRS = (("boulware", "conceder"), ("boulware", "boulware"))
ROUNDS = 1000
VALUES = 10


def synthetic(n_issues: int, seed: int = 2024):
    """Weights and value tables of two parties, and the Accord scenario built from them."""
    rng = np.random.default_rng(seed)
    issues = tuple(Issue.categorical(f"i{j}", [f"v{v}" for v in range(VALUES)]) for j in range(n_issues))
    data = []
    for _ in range(2):
        weights = rng.random(n_issues)
        weights /= weights.sum()
        tables = [rng.random(VALUES) for _ in range(n_issues)]
        data.append((weights, tables))
    parties = tuple(Party(f"p{k}", LinearAdditive(tuple(float(w) for w in weights),
                                                  tuple(Table(tuple(float(x) for x in t)) for t in tables)), 0.0)
                    for k, (weights, tables) in enumerate(data))
    return Scenario(f"synthetic-{VALUES ** n_issues}", issues, parties), issues, data


def bench_accord(scenario, pair, min_seconds: float, min_sessions: int):
    setups = []
    for _ in range(5):  # cold each time
        prepare.cache_clear()
        start = time.perf_counter()
        prepared = prepare(scenario)
        setups.append(time.perf_counter() - start)
    rounds = sessions = agreements = 0
    start = time.perf_counter()
    while sessions < min_sessions or time.perf_counter() - start < min_seconds:
        result = run_session(prepared, list(pair), rounds=ROUNDS, seed=sessions)
        rounds += result.rounds
        agreements += result.agreement
        sessions += 1
    elapsed = time.perf_counter() - start
    return {"setup": statistics.median(setups), "rounds/s": rounds / elapsed, "sessions/s": sessions / elapsed,
            "rounds": rounds / sessions, "agreements": agreements / sessions}


def negmas_session(issues, data, pair):
    from negmas import SAOMechanism, make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun
    from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator

    kinds = {"boulware": BoulwareTBNegotiator, "conceder": ConcederTBNegotiator}
    space = make_os([make_issue(list(issue.values), issue.name) for issue in issues])
    mechanism = SAOMechanism(outcome_space=space, n_steps=ROUNDS)
    for k, ((weights, tables), name) in enumerate(zip(data, pair)):
        ufun = LinearAdditiveUtilityFunction(
            values=[TableFun(dict(zip(issue.values, map(float, table)))) for issue, table in zip(issues, tables)],
            weights=[float(w) for w in weights], outcome_space=space, reserved_value=0.0)
        mechanism.add(kinds[name](name=f"p{k}"), ufun=ufun)
    return mechanism


def bench_negmas(issues, data, pair, min_seconds: float, min_sessions: int):
    """NegMAS does part of its set-up lazily on the first step (its negotiators enumerate and rank the
    outcomes), so set-up here is construction plus the first step, and rounds/s counts the remaining steps."""
    setups, rounds, runs, totals, agreements = [], 0, [], [], 0
    total_start = time.perf_counter()
    while len(runs) < min_sessions or time.perf_counter() - total_start < min_seconds:
        start = time.perf_counter()
        mechanism = negmas_session(issues, data, pair)
        mechanism.step()
        setups.append(time.perf_counter() - start)
        start = time.perf_counter()
        mechanism.run()
        runs.append(time.perf_counter() - start)
        totals.append(setups[-1] + runs[-1])
        rounds += max(0, mechanism.state.step - 1)
        agreements += mechanism.agreement is not None
    return {"setup": statistics.median(setups), "rounds/s": rounds / sum(runs) if rounds else float("nan"),
            "sessions/s": len(runs) / sum(totals), "rounds": rounds / len(runs) + 1,
            "agreements": agreements / len(runs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter measurements")
    parser.add_argument("--accord-only", action="store_true", help="skip NegMAS")
    args = parser.parse_args(argv)
    negmas_version = None
    if not args.accord_only:
        try:
            import negmas

            negmas_version = negmas.__version__
        except ImportError:
            print("NegMAS is not installed; install the benchmark extra: pip install -e \".[bench]\" "
                  "(or run with --accord-only)", file=sys.stderr)
            return 2
    seconds = 0.5 if args.quick else 2.0
    print(f"Accord vs NegMAS {negmas_version or '(skipped)'}; deadline {ROUNDS} rounds; Python {sys.version.split()[0]}")
    header = (f"{'outcomes':>9} {'pair':<20} {'tool':<7} {'set-up ms':>10} {'rounds/s':>11} {'sessions/s':>11} "
              f"{'rounds':>7} {'agree':>6}")
    print(header)
    print("-" * len(header))
    for size, n_issues in SIZES.items():
        scenario, issues, data = synthetic(n_issues)
        for pair in PAIRS:
            label = " vs ".join(pair)
            ours = bench_accord(scenario, pair, seconds, 5)
            rows = [("accord", ours)]
            if negmas_version:
                theirs = bench_negmas(issues, data, pair, seconds, 2 if args.quick else 3)
                rows.append(("negmas", theirs))
            for tool, r in rows:
                print(f"{size:>9,} {label:<20} {tool:<7} {r['setup'] * 1e3:>10.1f} {r['rounds/s']:>11,.0f} "
                      f"{r['sessions/s']:>11,.1f} {r['rounds']:>7.0f} {r['agreements']:>6.0%}")
            if negmas_version:
                print(f"{'':>9} {'':<20} {'ratio':<7} {theirs['setup'] / ours['setup']:>9.1f}x "
                      f"{ours['rounds/s'] / theirs['rounds/s']:>10.1f}x {ours['sessions/s'] / theirs['sessions/s']:>10.1f}x"
                      "   (Accord / NegMAS; set-up: NegMAS / Accord)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
