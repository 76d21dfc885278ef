"""Plan a tournament: pure, deterministic, plain data.

``plan(scenarios, strategies, ...)`` lists every session to run — each assignment of strategies to the parties
of each scenario (both role assignments of every pairing; self-play when asked) times the repetitions — in a
fixed order, with one seed per session derived from the root seed (:func:`accord.simulate.derived_seeds`). The same
inputs always give the same plan, whatever executor later runs it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass

from accord.errors import OptionError, check_seed
from accord.model import Scenario
from accord.simulate.seeds import derived_seeds
from accord.strategies.base import Strategy
from accord.strategies.registry import make


@dataclass(frozen=True)
class Settings:
    """How every session of a tournament is run (see :func:`accord.simulate.run_session`).

    ``budget`` is the per-call budget (see :class:`accord.protocols.SessionConfig`: in process workers and the
    serial executor in the main thread a call running past it is interrupted). ``timeout`` is a wall-clock guard
    per session (seconds): a session still running after it is stopped and lost by the strategy that was
    thinking (process workers and the serial executor in the main thread).
    """

    protocol: str = "sao"
    rounds: int | None = 100
    seconds: float | None = None
    budget: float = 1.0
    discounting: bool = True
    timeout: float | None = 60.0


@dataclass(frozen=True)
class Task:
    """One session to run: scenario and strategies by index into the plan, and its own seed."""

    index: int
    key: str
    scenario: int
    strategies: tuple[int, ...]
    repetition: int
    seed: int


@dataclass(frozen=True)
class Plan:
    """Every session of a tournament, in order, and what is needed to run them."""

    settings: Settings
    scenarios: tuple[Scenario, ...]
    strategies: tuple[str | Strategy, ...]
    labels: tuple[str, ...]
    repetitions: int
    seed: int
    self_play: bool
    tasks: tuple[Task, ...]

    def __len__(self) -> int:
        return len(self.tasks)

    def describe(self) -> dict:
        """The tournament's definition as JSON-ready data (stored with the results)."""
        return {
            "settings": asdict(self.settings),
            "scenarios": [{"name": s.name, "parties": list(s.party_names)} for s in self.scenarios],
            "strategies": list(self.labels),
            "repetitions": self.repetitions,
            "seed": self.seed,
            "self_play": self.self_play,
            "sessions": len(self.tasks),
        }

    def fingerprint(self) -> str:
        """A digest of everything that decides the sessions' results (scenario contents included)."""
        digest = hashlib.sha256(json.dumps(self.describe(), sort_keys=True).encode())
        for scenario in self.scenarios:
            digest.update(repr(scenario).encode())
        for spec in self.strategies:
            digest.update(repr(spec).encode())
        return digest.hexdigest()


def label_of(spec: str | Strategy) -> str:
    """The name a strategy goes by in results: its registry name, or an instance's name (class name if none)."""
    if isinstance(spec, Strategy):
        return spec.name or type(spec).__name__
    return str(spec).strip()


MAX_SESSIONS = 10_000_000
"""The largest plan: its tasks live in memory (about half a kilobyte each)."""


def assignments(n_strategies: int, n_parties: int, self_play: bool) -> Iterator[tuple[int, ...]]:
    """Strategy indices for each party: every ordered assignment (so both role assignments of a pairing);
    with ``self_play`` a strategy may also meet itself."""
    if self_play:
        return itertools.product(range(n_strategies), repeat=n_parties)
    return itertools.permutations(range(n_strategies), n_parties)


def _check(scenarios: Sequence[Scenario], strategies: Sequence, repetitions: int, seed: int,
           self_play: bool) -> tuple[str, ...]:
    if not scenarios:
        raise OptionError("no scenario given", parameter="scenarios", fix="name at least one scenario")
    if not strategies:
        raise OptionError("no strategy given", parameter="strategies", fix="name at least two strategies")
    if repetitions < 1:
        raise OptionError(f"repetitions must be 1 or more, got {repetitions}", parameter="repetitions",
                          fix="give 1 or more")
    check_seed(seed)
    for spec in strategies:
        make(spec)  # unknown names fail here, once, with the list of known ones
    labels = tuple(label_of(spec) for spec in strategies)
    repeated = sorted({name for name in labels if labels.count(name) > 1})
    if repeated:
        raise OptionError(f"strategy '{repeated[0]}' is named twice", parameter="strategies",
                          fix="name each strategy once (use `self_play` for a strategy against itself)")
    sessions = 0
    for scenario in scenarios:
        n = len(scenario.parties)
        if n < 2:
            raise OptionError(f"scenario '{scenario.name}' has {n} party; a negotiation needs two or more",
                              parameter="scenarios", fix="leave it out or add a profile for each other party")
        if not self_play and len(strategies) < n:
            raise OptionError(f"scenario '{scenario.name}' has {n} parties but only {len(strategies)} "
                              f"strategies were given", parameter="strategies",
                              fix=f"give at least {n} strategies or add `self_play`")
        k = len(strategies)
        sessions += repetitions * (k ** n if self_play else math.perm(k, n))
    if sessions > MAX_SESSIONS:
        raise OptionError(f"the plan has {sessions:,} sessions, more than {MAX_SESSIONS:,}", parameter="repetitions",
                          fix="use fewer repetitions, strategies or scenarios, or split it into several tournaments")
    return labels


def plan(scenarios: Sequence[Scenario], strategies: Sequence[str | Strategy], repetitions: int = 1,
         seed: int = 0, self_play: bool = False, settings: Settings = Settings()) -> Plan:
    """Every session of the tournament in a fixed order: scenario, then assignment, then repetition."""
    labels = _check(scenarios, strategies, repetitions, seed, self_play)
    layout = []
    for s, scenario in enumerate(scenarios):
        for chosen in assignments(len(strategies), len(scenario.parties), self_play):
            for repetition in range(repetitions):
                layout.append((s, chosen, repetition))
    seeds = derived_seeds(seed, len(layout))
    tasks = tuple(
        Task(index=i, key=session_key(s, scenarios[s].name, [labels[k] for k in chosen], repetition),
             scenario=s, strategies=chosen, repetition=repetition, seed=seeds[i])
        for i, (s, chosen, repetition) in enumerate(layout)
    )
    return Plan(settings=settings, scenarios=tuple(scenarios), strategies=tuple(strategies), labels=labels,
                repetitions=repetitions, seed=seed, self_play=self_play, tasks=tasks)


def session_key(scenario_index: int, scenario_name: str, labels: Sequence[str], repetition: int) -> str:
    """The unique key of one session in a tournament (what resuming skips by)."""
    return f"{scenario_index}:{scenario_name}|{'|'.join(labels)}|{repetition}"
