"""Monte Carlo over stated uncertainty: many seeded runs of a model on perturbed stakeholder values.

Each run is a :class:`RunTask` of plain data carrying its own child seed, handled by the top-level function
:func:`run_task`, so the runs can be mapped by a process pool or Dask as well as by the builtin ``map``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from accord.errors import OptionError, check_seed
from accord.forecast.models import ModelConfig, run_model
from accord.forecast.stakeholders import Stakeholders

MAX_RUNS = 100_000
"""The most Monte Carlo runs of one forecast."""
MapFn = Callable[[Callable[["RunTask"], float], Iterable["RunTask"]], Iterable[float]]


@dataclass(frozen=True)
class RunTask:
    """One Monte Carlo run: the stated values and their standard deviations, the model, and the run's seed."""

    position: tuple[float, ...]
    salience: tuple[float, ...]
    capability: tuple[float, ...]
    position_sd: tuple[float, ...]
    salience_sd: tuple[float, ...]
    capability_sd: tuple[float, ...]
    config: ModelConfig
    seed: np.random.SeedSequence


@dataclass(frozen=True)
class MonteCarloSummary:
    """The final forecast of every run, with its median and 5th/95th percentiles; ``uncertain`` says whether the
    stakeholders stated any uncertainty (without it every run equals the forecast)."""

    finals: tuple[float, ...]
    median: float
    p5: float
    p95: float
    seed: int | None
    uncertain: bool = True

    def to_json(self) -> dict:
        return {"runs": len(self.finals), "seed": self.seed, "median": self.median, "p5": self.p5, "p95": self.p95,
                "uncertainty_stated": self.uncertain}


def perturb(task: RunTask) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw normal noise on positions, saliences and capabilities and clip them to their valid ranges.

    Positions stay within the stated positions' range, salience within [0, 1], capability at or above 0.
    Values whose standard deviation is 0 come back exactly as stated.
    """
    rng = np.random.default_rng(task.seed)
    x, s, c = (np.asarray(v, dtype=float) for v in (task.position, task.salience, task.capability))
    noisy_x = x + np.asarray(task.position_sd) * rng.standard_normal(x.size)
    noisy_s = s + np.asarray(task.salience_sd) * rng.standard_normal(s.size)
    noisy_c = c + np.asarray(task.capability_sd) * rng.standard_normal(c.size)
    return np.clip(noisy_x, x.min(), x.max()), np.clip(noisy_s, 0.0, 1.0), np.maximum(noisy_c, 0.0)


def run_task(task: RunTask) -> float:
    """Perturb the stated values and return the model's final forecast."""
    x, s, c = perturb(task)
    if not (c * s).sum() > 0:  # the noise silenced everyone: fall back to the stated weights
        s, c = np.asarray(task.salience), np.asarray(task.capability)
    return run_model(x, c, s, task.config).final


def plan(stakeholders: Stakeholders, config: ModelConfig, runs: int, seed: int | None) -> list[RunTask]:
    """Return the ``runs`` tasks, each with a child of ``SeedSequence(seed)``."""
    if not 0 <= runs <= MAX_RUNS:
        raise OptionError(f"runs must be 0 to {MAX_RUNS:,}, not {runs:,}", parameter="runs",
                          fix=f"use 0 to {MAX_RUNS:,}")
    check_seed(seed)
    children = np.random.SeedSequence(seed).spawn(runs)
    values = tuple(
        tuple(float(v) for v in getattr(stakeholders, name))
        for name in ("position", "salience", "capability", "position_sd", "salience_sd", "capability_sd")
    )
    return [RunTask(*values, config=config, seed=child) for child in children]


def monte_carlo(
    stakeholders: Stakeholders,
    config: ModelConfig = ModelConfig(),
    runs: int = 1000,
    seed: int | None = 0,
    map_fn: MapFn = map,
) -> MonteCarloSummary:
    """Run the model ``runs`` times on perturbed values and summarise the final forecasts."""
    if not 1 <= runs <= MAX_RUNS:
        raise OptionError(f"runs must be 1 to {MAX_RUNS:,}, not {runs:,}", parameter="runs",
                          fix=f"use 1 to {MAX_RUNS:,}")
    finals = tuple(float(f) for f in map_fn(run_task, plan(stakeholders, config, runs, seed)))
    p5, median, p95 = np.percentile(finals, [5, 50, 95])
    return MonteCarloSummary(finals, float(median), float(p5), float(p95), seed, stakeholders.uncertain)
