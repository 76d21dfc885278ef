"""Strategies that model the opponent's preferences from the values it offers (frequency model).

:class:`FrequencyModel` estimates the opponents' utility as ``Σᵢ wᵢ · countᵢ(value) / maxᵢ count``: a value the
opponents offer often is probably one they like, and an issue whose value they rarely change probably weighs
more (after each offer, every issue that kept its value gains ``learning_rate`` weight, then the weights are
normalised). It sees only the offered outcomes' issue values — never the opponents' utilities.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy as np

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


class _Modelling(Strategy):
    """Shared set-up: the value indices of every outcome and the model, fed with each new opponent offer."""

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._values = view.value_indices(np.arange(view.n_outcomes))
        self.model = FrequencyModel(view.issue_sizes, self.learning_rate)
        self._seen = 0
        self._order = np.asarray(view.order)

    def _update(self) -> None:
        history = self.view.history
        new = history.by_others(self.view.index, self._seen)
        self._seen = len(history)
        for position in new:
            self.model.observe(self._values[position])


class FrequencyOpponentModel(_Modelling, name="frequency-model",
                             classifier=Classifier(opponent_model=True, concession="time")):
    """Boulware-paced concession; among offers within ``window`` of its target, picks the one the frequency model
    says the opponent likes best. The target is :meth:`TimeDependent.target` with exponent ``e``."""

    def __init__(self, e: float = 0.2, window: float = 0.05, learning_rate: float = 0.2,
                 max_candidates: int = 2000) -> None:
        self.e = float(e)
        self.window = float(window)
        self.learning_rate = float(learning_rate)
        self.max_candidates = int(max_candidates)

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
        ranked = self.view.sorted_utility
        low = min(bisect_left(ranked, target), len(ranked) - 1)
        # every outcome tied with the lowest acceptable one, and those up to ``window`` above the target
        high = max(bisect_right(ranked, ranked[low]), bisect_right(ranked, target + self.window))
        candidates = self._order[low:min(high, low + self.max_candidates)]
        if self.model.n_observed == 0 or candidates.size == 1:
            return int(candidates[0])
        scores = self.model.estimate(self._values[candidates])
        return int(candidates[int(np.argmax(scores))])


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
        first = bisect_left(view.sorted_utility, view.reservation)
        self._rational = self._order[min(first, view.n_outcomes - 1):]
        self._gain = np.asarray(view.utility)[self._rational] - view.reservation
        self._aim = self.best

    def _estimate(self) -> None:
        self._update()
        if self.model.n_observed:
            scores = self._gain * self.model.estimate(self._values[self._rational])
            self._aim = int(self._rational[int(np.argmax(scores))])

    def respond(self, state: State, offer: int) -> bool:
        self._estimate()
        if state.time >= self.patience:
            return self.u[offer] >= self.reservation
        return self.u[offer] >= self.u[self._aim]

    def propose(self, state: State) -> int:
        return self._aim
