"""Strategies that model the opponent's preferences from the values it offers (frequency model).

:class:`FrequencyModel` estimates the opponents' utility as ``Σᵢ wᵢ · countᵢ(value) / maxᵢ count``: a value the
opponents offer often is probably one they like, and an issue whose value they rarely change probably weighs
more (after each offer, every issue that kept its value gains ``learning_rate`` weight, then the weights are
normalised). It sees only the offered outcomes' issue values — never the opponents' utilities.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

from accord.errors import OptionError
from accord.strategies.base import Classifier, PartyView, State, Strategy
from accord.strategies.time_dependent import TimeDependent


class FrequencyModel:
    """A frequency model of the opponents' preferences over the issue values."""

    def __init__(self, issue_sizes: tuple[int, ...], learning_rate: float = 0.2) -> None:
        self.counts = [np.zeros(size) for size in issue_sizes]
        self.weights = np.full(len(issue_sizes), 1.0 / max(1, len(issue_sizes)))
        self.learning_rate = learning_rate
        self._last: np.ndarray | None = None
        self.n_observed = 0

    def observe(self, values: np.ndarray) -> None:
        """Record one offered outcome given by its issue-value indices."""
        for issue, value in enumerate(values):
            self.counts[issue][value] += 1
        if self._last is not None:
            unchanged = values == self._last
            if unchanged.any():
                self.weights = self.weights + self.learning_rate * unchanged
                self.weights /= self.weights.sum()
        self._last = values.copy()
        self.n_observed += 1

    def estimate(self, values: np.ndarray) -> np.ndarray:
        """Estimated opponent utility of outcomes given as ``(n, n_issues)`` value indices."""
        total = np.zeros(values.shape[0])
        for issue, counts in enumerate(self.counts):
            top = counts.max()
            if top > 0:
                total += self.weights[issue] * (counts / top)[values[:, issue]]
        return total

    def tables(self) -> list[np.ndarray]:
        """Per issue, the estimate's share of each value (what :meth:`estimate` adds for it)."""
        return [self.weights[issue] * (counts / counts.max()) if counts.max() > 0 else np.zeros(counts.size)
                for issue, counts in enumerate(self.counts)]


class _Modelling(Strategy):
    """Shared set-up: the value indices of every outcome and the model, fed with each new opponent offer. On a
    space too large to enumerate the value indices of each offer are computed as it comes."""

    beyond_enumeration = True

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._values = None if view.searches else view.value_indices(np.arange(view.n_outcomes))
        self.model = FrequencyModel(view.issue_sizes, self.learning_rate)
        self._seen = 0
        self._order = None if view.searches else np.asarray(view.order)

    def _values_of(self, position: int) -> np.ndarray:
        if self._values is None:
            return self.view.value_indices([position])[0]
        return self._values[position]

    def _update(self) -> None:
        history = self.view.history
        new = history.by_others(self.view.index, self._seen)
        self._seen = len(history)
        for position in new:
            self.model.observe(self._values_of(position))


class FrequencyOpponentModel(_Modelling, name="frequency-model",
                             classifier=Classifier(opponent_model=True, concession="time")):
    """Boulware-paced concession; among offers within ``window`` of its target, picks the one the frequency model
    says the opponent likes best. The target is the time-dependent one with exponent ``e``."""

    def __init__(self, e: float = 0.2, window: float = 0.05, learning_rate: float = 0.2,
                 max_candidates: int = 2000) -> None:
        self.e = float(e)
        self.window = float(window)
        self.learning_rate = float(learning_rate)
        self.max_candidates = int(max_candidates)
        if self.max_candidates < 1:
            raise OptionError(f"max_candidates must be 1 or more, got {max_candidates}", parameter="max_candidates",
                              fix="give 1 or more")

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._pace = TimeDependent(self.e)
        self._pace.setup(view)

    def target(self, t: float) -> float:
        """The aspiration at relative time ``t``: the time-dependent one (see :class:`TimeDependent`)."""
        return self._pace.target(t)

    def respond(self, state: State, offer: int) -> bool:
        return self.u[offer] >= self.target(state.time)

    def propose(self, state: State) -> int:
        self._update()
        target = self.target(state.time)
        if self.view.searches:
            return self._search_propose(target)
        ranked = self.view.sorted_utility
        low = min(bisect_left(ranked, target), len(ranked) - 1)
        # every outcome tied with the lowest acceptable one, and those up to ``window`` above the target
        high = max(bisect_right(ranked, ranked[low]), bisect_right(ranked, target + self.window))
        candidates = self._order[low:min(high, low + self.max_candidates)]
        if self.model.n_observed == 0 or candidates.size == 1:
            return int(candidates[0])
        scores = self.model.estimate(self._values[candidates])
        return int(candidates[int(np.argmax(scores))])

    def _search_propose(self, target: float) -> int:
        """:meth:`propose` through the outcome-finding service: the same candidates, searched, not listed."""
        finder = self.view.finder
        first = finder.first_at_least(target)
        if first is None:
            return finder.top_last
        if self.model.n_observed == 0:
            return first
        low = self.u[first]
        candidates = finder.window(low, max(low, target + self.window), self.max_candidates)
        if not candidates or candidates[0] != first:
            candidates = [first, *(c for c in candidates if c != first)][:self.max_candidates]
        if len(candidates) == 1:
            return first
        scores = self.model.estimate(self.view.value_indices(candidates))
        return candidates[int(np.argmax(scores))]


class NashSeeking(_Modelling, name="nash-seeking",
                  classifier=Classifier(opponent_model=True, concession="none")):
    """Offers its estimate of the Nash point — the outcome maximising (own gain over reservation) × (modelled
    opponent utility) — and accepts any offer worth at least that to it (anything above its reservation value
    once ``patience`` of the time has passed); opens with its best outcome."""

    def __init__(self, learning_rate: float = 0.2, patience: float = 0.95) -> None:
        self.learning_rate = float(learning_rate)
        self.patience = float(patience)

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._aim = self.best
        if view.searches:
            return
        first = bisect_left(view.sorted_utility, view.reservation)
        self._rational = self._order[min(first, view.n_outcomes - 1):]
        self._gain = np.asarray(view.utility)[self._rational] - view.reservation

    def _estimate(self) -> None:
        self._update()
        if self.model.n_observed and self.view.searches:
            self._aim = self._search_aim()
        elif self.model.n_observed:
            scores = self._gain * self.model.estimate(self._values[self._rational])
            self._aim = int(self._rational[int(np.argmax(scores))])

    def respond(self, state: State, offer: int) -> bool:
        self._estimate()
        if state.time >= self.patience:
            return self.u[offer] >= self.reservation
        return self.u[offer] >= self.u[self._aim]

    def propose(self, state: State) -> int:
        return self._aim

    def _search_aim(self) -> int:
        """The estimated Nash point through the outcome-finding service: the rational outcome of highest (own
        gain) × (modelled opponent utility), ties by lowest own utility, then position."""
        finder, reservation = self.view.finder, self.reservation
        tables = self.model.tables()
        rest = np.cumsum([0.0, *(float(t.max()) for t in reversed(tables))])[::-1]
        flat = np.concatenate(tables)
        offsets = np.cumsum([0, *(t.size for t in tables)])[:-1]

        def score(values: np.ndarray, utilities: np.ndarray) -> np.ndarray:
            # the model's estimate, summed issue by issue in order (cumsum along a row adds one by one)
            estimate = np.cumsum(flat[values + offsets], axis=1)[:, -1] if len(tables) else np.zeros(len(values))
            return (utilities - reservation) * estimate

        def upper(depth: int, prefix: list[int], high: np.ndarray) -> np.ndarray:
            done = sum(float(tables[i][v]) for i, v in enumerate(prefix))
            return np.maximum(high - reservation, 0.0) * (done + tables[depth] + rest[depth + 1])

        found = finder.argmax(score, upper, reservation)
        return finder.top_last if found is None else found
