"""Accord vs NegMAS, an exactness cross-check over every shared GENIUS and GeniusWeb scenario.

For each scenario both load and enumerate, compare with NegMAS, outcomes matched by issue values: (1) every
outcome's utility vector, (2) the distinct frontier utility vectors over all outcomes, (3) the Nash point with
d = the reservation values; all to 1e-9. Definitional differences are aligned explicitly and shown in columns:

* ``ignore_discount=True`` (Accord's analysis is undiscounted). Real issues: NegMAS's space is discretised with
  ``to_discrete(levels=11)``, the 11-point grid Accord enumerates.
* GENIUS evaluations: NegMAS 0.16 keeps them raw; GENIUS divides each by the issue's maximum ("as read" = NegMAS
  as loaded, "scaled" = after that division, the compared value). Both sides round to 10 decimals (Accord's
  definition); "Nf" = NegMAS's frontier size on unrounded floats, where noise (0.9 vs 0.9000000000000001) splits ties.
* ``ops.pareto_frontier`` keeps only rational outcomes, so its algorithm (``pareto_frontier_active``) is called on
  all outcomes. ``ops.nash_points`` by default takes d_i = max(reserved value, min utility) over the whole
  frontier: "Nash" passes ``ranges=(r_i, max_i)`` and the rational frontier; "default" is NegMAS's own default.

Usage:  python benchmarks/crosscheck_negmas.py [--max-outcomes 2000000] [ROOT]   (needs the bench extra)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

import accord

ROOT = Path(__file__).resolve().parents[1] / "src" / "accord" / "scenarios" / "library"
TOL = 1e-9


def scenario_files(folder: Path, scenario) -> tuple[Path, list[Path]]:
    """The domain file and the profile files Accord read, in Accord's party order (party name = file stem)."""
    files = [p for p in folder.iterdir() if p.suffix.lower() in (".xml", ".json")]
    by_stem = {p.stem: p for p in files}
    skipped = " ".join(scenario.notes)
    domains = [p for p in files if p.stem not in scenario.party_names and f"skipped {p.name}" not in skipped]
    if len(domains) != 1:
        raise ValueError(f"cannot tell the domain file among {[p.name for p in domains]}")
    return domains[0], [by_stem[name] for name in scenario.party_names]


def load_negmas(folder: Path, scenario):
    """The same files as a NegMAS scenario, undiscounted; ``None`` when NegMAS cannot read them."""
    from negmas import Scenario

    domain, profiles = scenario_files(folder, scenario)
    reader = Scenario.from_genius_files if domain.suffix == ".xml" else Scenario.from_geniusweb_files
    return reader(domain, profiles, ignore_discount=True)


def genius_scaled(ufun):
    """The same NegMAS ufun with each discrete issue's evaluations divided by their maximum, as GENIUS does
    (NegMAS 0.16 keeps them raw: Laptop's HP scores 30, not 1). Anything else is left as NegMAS read it."""
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    def scaled(f):
        if not isinstance(f, TableFun):
            return f
        top = max(f.mapping.values(), default=0.0)
        return TableFun({k: (v / top if top >= 1e-5 else 0.0) for k, v in f.mapping.items()})

    return LinearAdditiveUtilityFunction([scaled(f) for f in ufun.values], ufun.weights, ufun._bias,
                                         outcome_space=ufun.outcome_space, reserved_value=ufun.reserved_value)


def evaluate(ufuns, outcomes: list) -> np.ndarray:
    """``(n_outcomes, n_parties)`` utilities, one NegMAS call per outcome and party."""
    return np.array([[float(u(o)) for u in ufuns] for o in outcomes], dtype=float).reshape(len(outcomes), -1)


def negmas_side(theirs, levels: int, genius: bool) -> dict:
    """Every outcome and its utilities, the frontier over all outcomes, and the Nash points with NegMAS."""
    from negmas.preferences.ops import nash_points, pareto_frontier_active

    space = theirs.outcome_space
    if not space.is_discrete():
        space = space.to_discrete(levels=levels)
    outcomes = list(space.enumerate())
    raw = evaluate(theirs.ufuns, outcomes)
    ufuns = [genius_scaled(u) for u in theirs.ufuns] if genius else theirs.ufuns
    start = time.perf_counter()
    utilities = evaluate(ufuns, outcomes)
    raw_front = len(distinct(utilities[pareto_frontier_active(utilities)]))
    utilities = np.round(utilities, 10)  # Accord's definition: compare utilities rounded to 10 decimals
    front = utilities[pareto_frontier_active(utilities)]
    reserved = np.array([u.reserved_value for u in ufuns], dtype=float)
    rational = front[np.all(front >= reserved, axis=1)]
    tops = utilities.max(axis=0)
    same_d = nash_points(ufuns, [tuple(p) for p in rational], ranges=list(zip(reserved, tops)))
    default = nash_points(ufuns, [tuple(p) for p in front], ranges=list(zip(utilities.min(axis=0), tops)))
    return {"issues": [i.name for i in space.issues], "outcomes": outcomes, "utilities": utilities, "raw": raw,
            "front": front, "raw_front": raw_front, "nash": [p for p, _ in same_d], "nash_default": [p for p, _ in default],
            "seconds": time.perf_counter() - start}


def positions(analysis, names: list[str], outcomes: list[tuple]) -> np.ndarray:
    """Accord's position of each NegMAS outcome, matched by issue name and value (-1 when Accord lacks it)."""
    scenario = analysis.scenario
    order = [scenario.issue_names.index(n) for n in names]
    issues = [scenario.issues[column] for column in order]
    lookup = [{_key(issue, v): i for i, v in enumerate(issue.values)} for issue in issues]
    index = np.full((len(outcomes), len(order)), -1, dtype=np.int64)
    for row, outcome in enumerate(outcomes):
        for j, value in enumerate(outcome):
            index[row, order[j]] = lookup[j].get(_key(issues[j], value), -1)
    missing = np.any(index < 0, axis=1)
    flat = np.ravel_multi_index(np.where(missing[:, None], 0, index).T, analysis.space.sizes)
    return np.where(missing, -1, flat)


def _key(issue, value):
    return round(float(value), 9) if issue.is_numeric else str(value)


def same_points(a: np.ndarray, b: np.ndarray) -> bool:
    """Every vector of ``a`` is within TOL of one of ``b`` and vice versa."""
    if len(a) == 0 or len(b) == 0:
        return len(a) == len(b)
    near = np.all(np.abs(a[:, None, :] - b[None, :, :]) <= TOL, axis=2)
    return bool(near.any(axis=1).all() and near.any(axis=0).all())


def distinct(points: np.ndarray) -> np.ndarray:
    """Distinct vectors to TOL (kept in order of first appearance)."""
    kept: list[np.ndarray] = []
    for p in points[np.lexsort(points.T[::-1])]:
        if not kept or np.max(np.abs(kept[-1] - p)) > TOL:
            kept.append(p)
    return np.array(kept).reshape(-1, points.shape[1])


def check(folder: Path, max_outcomes: int) -> dict:
    """One scenario's row, or ``{"skip": reason}``."""
    try:
        scenario = accord.load(folder)
    except accord.AccordError as error:
        return {"skip": f"Accord cannot load it: {error}"}
    if scenario.cartesian_size > max_outcomes:
        return {"skip": f"{scenario.cartesian_size:,} outcomes (over {max_outcomes:,})"}
    try:
        theirs = load_negmas(folder, scenario)
    except Exception as error:  # NegMAS raises many kinds
        return {"skip": f"NegMAS cannot load it: {type(error).__name__}: {error}"}
    if theirs is None:
        return {"skip": "NegMAS cannot load it (returned None)"}
    start = time.perf_counter()
    analysis = accord.analyze(scenario)
    ours_seconds = time.perf_counter() - start
    grid = max((i.grid for i in scenario.issues if i.kind == "real"), default=11)
    try:
        n = negmas_side(theirs, grid, genius=scenario_files(folder, scenario)[0].suffix == ".xml")
    except Exception as error:
        return {"skip": f"NegMAS loads it but cannot evaluate it: {type(error).__name__}: {error}"}
    where = positions(analysis, n["issues"], n["outcomes"])
    matched = bool(np.all(where >= 0)) and len(np.unique(where)) == analysis.n_outcomes == len(where)
    ours = analysis.utilities[where] if matched else None
    delta = float(np.max(np.abs(ours - n["utilities"]))) if matched else float("nan")
    raw = float(np.max(np.abs(ours - n["raw"]))) if matched else float("nan")
    row = {"cause": cause(ours, n["utilities"]) if matched else "outcomes do not match one to one"}
    nash = analysis.solutions["nash"]
    ours_nash = np.array([nash.utilities]) if nash else np.empty((0, len(scenario.parties)))
    return row | {
        "outcomes": analysis.n_outcomes, "matched": matched, "delta": delta, "raw": raw,
        "front": (len(analysis.pareto_points), len(distinct(n["front"])), n["raw_front"]),
        "front_ok": same_points(analysis.pareto_points, distinct(n["front"])),
        "nash_ok": _nash_agrees(ours_nash, np.array(n["nash"]).reshape(-1, len(scenario.parties))),
        "nash_default": _nash_agrees(ours_nash, np.array(n["nash_default"]).reshape(-1, len(scenario.parties))),
        "times": (ours_seconds, n["seconds"]),
    }


def cause(ours: np.ndarray, theirs: np.ndarray) -> str:
    """Why the utilities differ, when a GENIUS rule NegMAS 0.16 does not apply explains it (FORMATS.md 1.3)."""
    if np.max(np.abs(ours - theirs)) <= TOL:
        return "utilities agree; frontier or Nash differs"
    if np.max(np.abs(ours - np.minimum(theirs, 1.0))) <= TOL:
        return "NegMAS does not clip utilities at 1 (GENIUS clips the weighted sum, or a real evaluator, at 1)"
    if theirs.min() < -TOL:
        return ("NegMAS utilities below 0: its integer evaluator is offset + slope·v, unclamped; GENIUS's is "
                "clamp(offset + slope·(v − lowerbound), 0, 1)")
    return "unexplained"


def _nash_agrees(ours: np.ndarray, theirs: np.ndarray) -> bool:
    """Accord's Nash point is one of NegMAS's (NegMAS returns every tie), or neither has one."""
    if len(ours) == 0 or len(theirs) == 0:
        return len(ours) == len(theirs)
    return bool(np.any(np.all(np.abs(theirs - ours[0]) <= TOL, axis=1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--max-outcomes", type=int, default=2_000_000)
    args = parser.parse_args()
    try:
        import negmas
    except ImportError:
        sys.exit('NegMAS is not installed: pip install -e ".[bench]"')
    print(f"NegMAS {negmas.__version__}; tolerance {TOL:g}; times in seconds (analysis only, loading excluded)")
    print(f"{'scenario':<42} {'outcomes':>9} {'as read':>8} {'scaled |Δ|':>11} {'frontier A/N/Nf':>15} {'front':>5} "
          f"{'Nash':>5} {'default':>7} {'accord':>7} {'negmas':>8}")
    checked, agree, disagreements = 0, 0, {}
    for folder in sorted(p for kind in ("genius", "geniusweb") for p in (args.root / kind).iterdir() if p.is_dir()):
        name = f"{folder.parent.name}/{folder.name}"
        row = check(folder, args.max_outcomes)
        if "skip" in row:
            print(f"{name:<42} skipped: {row['skip']}")
            continue
        checked += 1
        ok = row["matched"] and row["delta"] <= TOL and row["front_ok"] and row["nash_ok"]
        agree += ok
        if not ok:
            disagreements[name] = row["cause"]
        yes = {True: "yes", False: "NO"}
        print(f"{name:<42} {row['outcomes']:>9,} {row['raw']:>8.1e} {row['delta']:>11.1e} {'%d/%d/%d' % row['front']:>15} "
              f"{yes[row['front_ok']]:>5} {yes[row['nash_ok']]:>5} {yes[row['nash_default']]:>7} "
              f"{row['times'][0]:>7.3f} {row['times'][1]:>8.2f}")
    print(f"\n{checked} scenarios checked, {agree} fully agree, {len(disagreements)} disagree:")
    for name, why in disagreements.items():
        print(f"  {name}: {why}")


if __name__ == "__main__":
    main()
