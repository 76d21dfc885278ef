"""Run a forecasting model over stakeholder arrays and collect the rounds.

:data:`MODELS` declares the models, one :class:`Model` record each: ``eu`` (expected utility, round by round),
``compromise`` (weighted mean) and ``median`` (weighted median). Round 0 is always the input; the compromise and
median models have no further rounds. The front ends list and validate model names from the declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from accord.errors import OptionError
from accord.forecast.compromise import weighted_mean, weighted_median
from accord.forecast.expected_utility import eu_round
from accord.forecast.stakeholders import Stakeholders, check_actors

if TYPE_CHECKING:
    from accord.forecast.monte_carlo import MonteCarloSummary


MAX_ROUNDS = 1000
"""The most rounds a model may play."""


@dataclass(frozen=True)
class ModelConfig:
    """Which model to run and its parameters (Q, T in [0, 1]; rounds ≥ 0; only ``eu`` uses rounds, q and t)."""

    model: str = "eu"
    rounds: int = 10
    q: float = 1.0
    t: float = 1.0

    def __post_init__(self) -> None:
        if self.model not in model_names():
            raise OptionError(f"unknown model '{self.model}'", parameter="model",
                              fix=f"use one of: {', '.join(model_names())}")
        if not 0 <= self.rounds <= MAX_ROUNDS:
            raise OptionError(f"rounds must be 0 to {MAX_ROUNDS}, not {self.rounds}", parameter="rounds",
                              fix=f"use 0 to {MAX_ROUNDS}")
        for name, value in (("q", self.q), ("t", self.t)):
            if not 0 <= value <= 1:
                raise OptionError(f"{name.upper()} must be in [0, 1], not {value:g}", parameter=name, fix="use 0-1")


@dataclass(frozen=True)
class Round:
    """One round: positions after it, its events in words, the forecast, and the risk exponents (``eu`` only)."""

    number: int
    positions: tuple[float, ...]
    events: tuple[str, ...]
    forecast: float
    risk: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Forecast:
    """Every round of one model run; ``converged_at`` is the round in which every actor faced the same danger.

    ``config``, ``salience``, ``capability`` and ``scale`` record what the run started from (for its document).
    """

    model: str
    issue: str
    actors: tuple[str, ...]
    rounds: tuple[Round, ...]
    converged_at: int | None = None
    config: ModelConfig = field(default_factory=ModelConfig)
    salience: tuple[float, ...] = ()
    capability: tuple[float, ...] = ()
    scale: str = ""

    @property
    def final(self) -> float:
        """Return the forecast after the last round played."""
        return self.rounds[-1].forecast

    def to_json(self, monte_carlo: MonteCarloSummary | None = None) -> dict:
        """The forecast document (``docs/json.md``), with a Monte Carlo summary when one is given."""
        return {
            "model": self.model,
            "issue": self.issue,
            "scale": self.scale,
            "parameters": {"rounds": self.config.rounds, "q": self.config.q, "t": self.config.t},
            "actors": [{"actor": a, "position": x, "salience": s, "capability": c} for a, x, s, c in
                       zip(self.actors, self.rounds[0].positions, self.salience, self.capability)],
            "rounds": [{"round": r.number, "positions": dict(zip(self.actors, r.positions)),
                        "events": list(r.events), "forecast": r.forecast,
                        "risk": None if r.risk is None else dict(zip(self.actors, r.risk))} for r in self.rounds],
            "forecast": self.final,
            "converged_at": self.converged_at,
            "monte_carlo": None if monte_carlo is None else monte_carlo.to_json(),
        }


def _median(x: np.ndarray, c: np.ndarray, s: np.ndarray, config: ModelConfig, actors: tuple[str, ...],
            issue: str) -> Forecast:
    return Forecast(config.model, issue, actors, (Round(0, tuple(x.tolist()), (), weighted_median(x, c, s)),))


def _compromise(x: np.ndarray, c: np.ndarray, s: np.ndarray, config: ModelConfig, actors: tuple[str, ...],
                issue: str) -> Forecast:
    return Forecast(config.model, issue, actors, (Round(0, tuple(x.tolist()), (), weighted_mean(x, c, s)),))


def _expected_utility(x: np.ndarray, c: np.ndarray, s: np.ndarray, config: ModelConfig, actors: tuple[str, ...],
                      issue: str) -> Forecast:
    delta = float(x.max() - x.min())
    rounds = [Round(0, tuple(x.tolist()), (), weighted_mean(x, c, s))]
    for number in range(1, config.rounds + 1):
        outcome = eu_round(x, c, s, delta, config.q, config.t)
        if outcome.converged:
            return Forecast(config.model, issue, actors, tuple(rounds), converged_at=number)
        x = outcome.positions
        events = tuple(move.describe(actors) for move in outcome.moves)
        risk = tuple(outcome.risk.tolist())
        rounds.append(Round(number, tuple(x.tolist()), events, weighted_mean(x, c, s), risk))
    return Forecast(config.model, issue, actors, tuple(rounds))


@dataclass(frozen=True)
class Model:
    """One forecasting model. ``run(x, c, s, config, actors, issue) -> Forecast`` runs it on arrays of positions,
    capabilities and saliences; ``rounds`` says whether it plays rounds (and reads ``rounds``, ``q`` and ``t``)."""

    name: str
    run: Callable[[np.ndarray, np.ndarray, np.ndarray, ModelConfig, tuple[str, ...], str], Forecast]
    description: str
    rounds: bool = False

    def to_json(self) -> dict:
        return {"name": self.name, "description": self.description, "rounds": self.rounds}


MODELS: tuple[Model, ...] = (
    Model("eu", _expected_utility, "expected utility: actors challenge and give way, round by round", rounds=True),
    Model("compromise", _compromise, "the capability- and salience-weighted mean position"),
    Model("median", _median, "the capability- and salience-weighted median position"),
)


def model_names() -> tuple[str, ...]:
    """The names of the declared models, in declaration order."""
    return tuple(model.name for model in MODELS)


def model_named(name: str) -> Model:
    """The declared model called ``name`` (``ModelConfig`` has checked it)."""
    return next(model for model in MODELS if model.name == name)


def forecast(stakeholders: Stakeholders, config: ModelConfig = ModelConfig()) -> Forecast:
    """Run ``config.model`` on one issue's stakeholders."""
    result = run_model(
        stakeholders.position,
        stakeholders.capability,
        stakeholders.salience,
        config,
        names=stakeholders.actors,
        issue=stakeholders.issue,
    )
    return replace(result, scale=stakeholders.scale)


def run_model(
    x: Sequence[float] | np.ndarray,
    c: Sequence[float] | np.ndarray,
    s: Sequence[float] | np.ndarray,
    config: ModelConfig = ModelConfig(),
    *,
    names: Sequence[str] | None = None,
    issue: str = "",
) -> Forecast:
    """Run ``config.model`` on plain arrays of positions, capabilities and saliences."""
    x, c, s = (np.asarray(a, dtype=float) for a in (x, c, s))
    check_actors(x.size, issue or "stakeholders")
    actors = tuple(names) if names is not None else tuple(f"actor {i + 1}" for i in range(x.size))
    result = model_named(config.model).run(x, c, s, config, actors, issue)
    return replace(result, config=config, salience=tuple(s.tolist()), capability=tuple(c.tolist()))
