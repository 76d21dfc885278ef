"""What a strategy sees and what it must do.

A strategy plays one party. At set-up it receives a :class:`PartyView` — a frozen view of what its party may know:
its own utility column (read-only), that column sorted once, its reservation value and discount factor, the
deadline, and read-only buffers of the offers made so far. It never receives another party's utility or object.

During the session the protocol calls::

    propose(state) -> int            an outcome position (0 ≤ position < n_outcomes)
    respond(state, offer) -> bool | END
                                     True accepts the standing offer, False rejects it (the protocol then asks
                                     ``propose``), ``END`` walks away

``state`` is a :class:`State`: an immutable tuple of the step, round, relative time and how many offers the
history buffers hold. Offers are outcome *positions* (ints); utilities are plain Python floats.

Every concrete strategy declares its name and :class:`Classifier` where it is defined::

    class Stubborn(Strategy, name="stubborn", classifier=Classifier(concession="none")):
        \"\"\"Always asks for its best outcome.\"\"\"
        def propose(self, state): return self.best
        def respond(self, state, offer): return self.u[offer] >= self.u[self.best]

Defining a class registers nothing: the registry (:mod:`accord.strategies.registry`) reads the declared tuple of
built-ins, the ``accord.strategies`` entry points and what was passed to ``register``.

Constructor parameters are explicit keywords, stored under the same names, so ``repr``, ``clone`` and pickling
come for free.
"""

from __future__ import annotations

import inspect
from bisect import bisect_left
from dataclasses import dataclass
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Literal, NamedTuple, get_args

import numpy as np

if TYPE_CHECKING:
    from accord.space.search import OutcomeFinder

END = "end"
"""What ``respond`` returns to walk away from the negotiation."""


class State(NamedTuple):
    """The protocol state at one turn (immutable; one per step, shared by every call in that step).

    ``step`` counts turns from 0, ``round`` counts full rounds (every party has had a turn) from 0, ``time`` is
    the relative time in [0, 1] (the larger of rounds used and seconds used, as fractions of the deadline),
    ``n_offers`` is how many entries of ``view.offers`` / ``view.proposers`` are filled.
    """

    step: int
    round: int
    time: float
    n_offers: int


@dataclass(frozen=True)
class PartyView:
    """Everything one party may know, fixed at set-up. Arrays are read-only.

    ``utility`` is the party's own utility of every outcome (by position), ``order`` the positions sorted by
    ascending own utility (ties by position) and ``sorted_utility`` the matching utilities; these and
    ``utility_list`` (``utility`` again) are read-only sequences (memoryviews) whose items are plain Python
    ``float``/``int`` — use them for scalar look-ups and ``bisect``. ``history`` is a read-only view of the session's offers so far. ``value_indices(positions)`` gives the ``(n, n_issues)`` issue-value indices of outcomes, so a
    strategy can model the opponent's preferences from the values it offers.
    """

    index: int
    name: str
    n_parties: int
    n_outcomes: int
    utility: np.ndarray
    order: Sequence[int]
    sorted_utility: Sequence[float]
    utility_list: Sequence[float]
    reservation: float
    discount: float | None
    rounds: int | None
    seconds: float | None
    seed: int
    history: "OfferHistory"
    issue_sizes: tuple[int, ...]
    value_indices: Callable[[np.ndarray], np.ndarray]
    finder: "OutcomeFinder | None" = None

    @property
    def searches(self) -> bool:
        """Whether the space is too large to enumerate: ``utility``, ``order`` and ``sorted_utility`` are then
        ``None``, ``utility_list`` scores one outcome at a time, and :attr:`finder` (the outcome-finding service,
        :class:`accord.space.search.OutcomeFinder`) answers the questions the arrays answer otherwise."""
        return self.finder is not None

    @property
    def best(self) -> int:
        """A position of the party's best outcome (the highest position among ties is avoided: the first)."""
        if self.finder is not None:
            return self.finder.best()
        top = self.sorted_utility[-1]
        return self.order[bisect_left(self.sorted_utility, top)]

    @property
    def max_utility(self) -> float:
        return self.finder.max_utility if self.finder is not None else self.sorted_utility[-1]

    @property
    def min_utility(self) -> float:
        """The party's lowest utility over the outcomes."""
        return self.finder.min_utility if self.finder is not None else self.sorted_utility[0]

    def rng(self) -> np.random.Generator:
        """A fresh generator seeded for this party in this session."""
        return np.random.default_rng(self.seed)

    def at_least(self, target: float) -> int:
        """The position with the lowest own utility ≥ ``target`` (the best outcome when none reaches it)."""
        if self.finder is not None:
            return self.finder.at_least(target)
        i = bisect_left(self.sorted_utility, target)
        if i >= len(self.sorted_utility):
            i = len(self.sorted_utility) - 1
        return self.order[i]


class OfferHistory:
    """A read-only view of the offers made so far in a session: ``history[i]`` is ``(proposer, position)``.

    The protocol appends to the underlying lists; strategies only read.
    """

    __slots__ = ("_positions", "_proposers")

    def __init__(self, positions: list[int], proposers: list[int]) -> None:
        self._positions = positions
        self._proposers = proposers

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self._proposers[i], self._positions[i]

    def positions(self) -> tuple[int, ...]:
        """Every offer so far, oldest first."""
        return tuple(self._positions)

    def by(self, party: int) -> tuple[int, ...]:
        """The offers made by ``party``, oldest first."""
        return tuple(p for p, who in zip(self._positions, self._proposers) if who == party)

    def by_others(self, party: int, start: int = 0) -> tuple[int, ...]:
        """The offers made by every party except ``party``, from offer number ``start`` on."""
        return tuple(p for p, who in zip(self._positions[start:], self._proposers[start:]) if who != party)


Concession = Literal["time", "behaviour", "none"]
"""What drives a strategy's concessions: the clock, the opponent's moves, or nothing."""


@dataclass(frozen=True)
class Classifier:
    """What a strategy's behaviour depends on, declared with the strategy and checked by its contract tests.

    ``stochastic``: its offers depend on the session seed. ``opponent_model``: it models the opponent's
    preferences from the offers it sees. ``concession``: what drives its concessions — ``time`` (its offers depend
    on the relative time), ``behaviour`` (on the opponent's offers) or ``none``.
    """

    stochastic: bool = False
    opponent_model: bool = False
    concession: Concession = "none"

    def __post_init__(self) -> None:
        if self.concession not in get_args(Concession):
            raise ValueError(f"concession must be one of {', '.join(get_args(Concession))}, not {self.concession!r}")

    def to_json(self) -> dict:
        return {"stochastic": self.stochastic, "opponent_model": self.opponent_model, "concession": self.concession}


@dataclass(frozen=True)
class StrategyInfo:
    """Registry metadata of one strategy."""

    name: str
    cls: type
    classifier: Classifier
    description: str
    source: str = "accord"

    @classmethod
    def of(cls, strategy: type["Strategy"], name: str | None = None, source: str | None = None) -> "StrategyInfo":
        """The metadata a strategy class declares (``name`` and ``source`` may be given by an entry point)."""
        return cls(name or strategy.name, strategy, strategy.classifier, summary_of(strategy),
                   source=source or strategy.__module__)

    def to_json(self) -> dict:
        """What the command line's JSON listing of strategies and ``/api/strategies`` give for the strategy."""
        return {"name": self.name, "classifier": self.classifier.to_json(), "description": self.description,
                "source": self.source}


def summary_of(cls: type) -> str:
    """A strategy's description: the first paragraph of its docstring, on one line, as plain text (not reST)."""
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split()).replace("``", "")


class Strategy:
    """Base class of every strategy; subclass with ``name=...`` and ``classifier=...`` to declare it (a subclass
    without a classifier inherits its parent's)."""

    name: ClassVar[str] = ""
    classifier: ClassVar[Classifier] = Classifier()
    beyond_enumeration: ClassVar[bool] = False
    """Whether the strategy plays on spaces too large to enumerate (through ``view.finder``, never the arrays)."""

    def __init_subclass__(cls, name: str | None = None, classifier: Classifier | None = None,
                          **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = name or ""
        if classifier is not None:
            cls.classifier = classifier

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def setup(self, view: PartyView) -> None:
        """Called once per session before the first turn. The base stores the view and fast lookups."""
        self.view = view
        self.u = view.utility_list
        self.best = view.best
        self.reservation = view.reservation

    def propose(self, state: State) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def respond(self, state: State, offer: int) -> bool | str:  # pragma: no cover - abstract
        raise NotImplementedError

    def vote(self, state: State, current: int, proposal: int) -> bool:
        """Single-text protocol: accept the mediator's ``proposal`` over the ``current`` text? (Default: when it
        is at least as good for this party.)"""
        return self.u[proposal] >= self.u[current]

    # -- parameters, clone, repr ------------------------------------------------------------------------------
    def params(self) -> dict[str, Any]:
        """The constructor keywords of this instance."""
        signature = inspect.signature(type(self).__init__)
        return {p: getattr(self, p) for p in list(signature.parameters)[1:]
                if signature.parameters[p].kind is inspect.Parameter.KEYWORD_ONLY
                or signature.parameters[p].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD}

    def clone(self) -> "Strategy":
        """A fresh, un-set-up instance with the same parameters."""
        return type(self)(**self.params())

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params().items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.params() == self.params()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), tuple(sorted(self.params().items()))))

    def __getstate__(self) -> dict:
        """Pickle the parameters only: a strategy travels to workers un-set-up."""
        return self.params()

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)  # type: ignore[misc]
