"""The result of ``robust``: probabilities with their Monte Carlo standard errors, the robust deal, drivers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from accord.analysis.solutions import solution_names
from accord.model import Scenario
from accord.space import OutcomeSpace

TOP_PACKAGES = 50


@dataclass(frozen=True)
class Driver:
    """An uncertain number's pull on "a ratifiable zone exists"."""

    parameter: str
    rank_correlation: float
    delta_p: float

    def to_json(self) -> dict:
        return {"parameter": self.parameter, "rank_correlation": self.rank_correlation, "delta_p": self.delta_p}


def standard_error(p: np.ndarray | float, samples: int) -> np.ndarray | float:
    """Monte Carlo standard error of a proportion estimated from ``samples`` independent draws."""
    return np.sqrt(np.asarray(p) * (1 - np.asarray(p)) / samples)


def _estimate(p: float, samples: int) -> dict:
    return {"value": float(p), "se": float(standard_error(p, samples))}


def _jsonable(outcome: dict) -> dict:
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in outcome.items()}


@dataclass(frozen=True)
class RobustResult:
    """Counts over ``samples`` sampled scenarios. Per outcome: ``rational`` (rational for every party),
    ``ratified`` (rational *and* ratified by every constituency, so never above ``rational``), ``pareto``,
    ``solutions[k]`` (the k-th of ``solution_names()``). Probabilities are counts / samples."""

    scenario: Scenario
    samples: int
    seed: int
    space: OutcomeSpace = field(repr=False)
    zone: np.ndarray = field(repr=False)
    ratifiable_zone: np.ndarray = field(repr=False)
    rational: np.ndarray = field(repr=False)
    ratified: np.ndarray = field(repr=False)
    pareto: np.ndarray = field(repr=False)
    solutions: np.ndarray = field(repr=False)
    expected_nash_product: float | None  # of the robust deal (None without one)
    robust_position: int | None
    robust_utilities: np.ndarray | None = field(repr=False)
    drivers: list[Driver] = field(default_factory=list)

    @property
    def p_zone(self) -> float:
        return float(self.zone.mean())

    @property
    def p_ratifiable_zone(self) -> float:
        return float(self.ratifiable_zone.mean())

    def ranked(self, limit: int | None = TOP_PACKAGES) -> np.ndarray:
        """Outcome positions by P(rational), then P(ratified), then position; only outcomes rational in some
        sample unless ``limit`` is None (then every outcome)."""
        order = np.lexsort((np.arange(self.rational.size), -self.ratified, -self.rational))
        if limit is None:
            return order
        return order[:limit][self.rational[order[:limit]] > 0]

    def package(self, position: int) -> dict:
        n = self.samples
        p = {"p_rational": self.rational[position] / n, "p_ratified": self.ratified[position] / n,
             "p_pareto": self.pareto[position] / n}
        solution = {name: self.solutions[k, position] / n for k, name in enumerate(solution_names())}
        return {"outcome": _jsonable(self.space.outcome(int(position))), **{k: float(v) for k, v in p.items()},
                "p_solution": {k: float(v) for k, v in solution.items()},
                "se": {**{k: float(standard_error(v, n)) for k, v in p.items()},
                       **{f"p_solution.{k}": float(standard_error(v, n)) for k, v in solution.items()}}}

    def robust_deal(self) -> dict | None:
        if self.robust_position is None:
            return None
        u = self.robust_utilities
        summary = self.package(self.robust_position)
        return {"outcome": summary["outcome"], "p_rational": summary["p_rational"],
                "p_ratified": summary["p_ratified"],
                "se": {"p_rational": summary["se"]["p_rational"], "p_ratified": summary["se"]["p_ratified"]},
                "expected_nash_product": self.expected_nash_product,
                "utilities": {"median": np.median(u, axis=0).tolist(),
                              "p05": np.quantile(u, 0.05, axis=0).tolist(),
                              "p95": np.quantile(u, 0.95, axis=0).tolist()}}

    def to_json(self, all_packages: bool = False) -> dict:
        """The robustness document (docs/robust.md)."""
        return {
            "scenario": self.scenario.name,
            "parties": list(self.scenario.party_names),
            "samples": self.samples,
            "seed": self.seed,
            "n_outcomes": int(self.space.size),
            "parameters": list(self.scenario.uncertainty.parameters),
            "p_zone": _estimate(self.p_zone, self.samples),
            "p_ratifiable_zone": _estimate(self.p_ratifiable_zone, self.samples),
            "robust_deal": self.robust_deal(),
            "packages": [self.package(p) for p in self.ranked(None if all_packages else TOP_PACKAGES)],
            "drivers": [d.to_json() for d in self.drivers],
        }
