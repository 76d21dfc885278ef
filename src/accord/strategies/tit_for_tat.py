"""Behaviour-dependent tit-for-tat (Faratin et al. 1998), measured in the party's own utility.

The strategy tracks how much better for it each opponent offer is than the previous one and answers in kind:

* absolute: ``target ← target − (u(latest) − u(previous))`` — the same amount of utility;
* relative: ``target ← target − f · (target − u(latest))`` with ``f = (u(latest) − u(previous)) / (target −
  u(previous))`` — the same fraction of the gap between the two sides that the opponent just closed.

The target stays in ``[max(reservation, lowest), best]``. It opens with its best outcome, offers the outcome
with the lowest own utility that meets the target and accepts any offer that meets it.
"""

from __future__ import annotations

from accord.strategies.base import Classifier, PartyView, State, Strategy


class TitForTat(Strategy, name="tit-for-tat", classifier=Classifier(concession="behaviour")):
    """Concedes in the same proportion as the opponent's last concession (``mode="relative"``, the default) or by
    the same amount of own utility (``mode="absolute"``, registered as ``tit-for-tat-absolute``)."""

    beyond_enumeration = True

    def __init__(self, mode: str = "relative") -> None:
        if mode not in ("relative", "absolute"):
            raise ValueError("mode must be 'relative' or 'absolute'")
        self.mode = mode

    def setup(self, view: PartyView) -> None:
        super().setup(view)
        self._top = view.max_utility
        self._floor = max(view.reservation, view.min_utility)
        self.target = self._top
        self._previous: float | None = None

    def _observe(self, offer: int) -> None:
        latest = self.u[offer]
        previous = self._previous
        self._previous = latest
        if previous is None or latest <= previous:
            return
        if self.mode == "absolute":
            target = self.target - (latest - previous)
        else:
            gap = self.target - previous
            fraction = (latest - previous) / gap if gap > 0 else 1.0
            target = self.target - min(1.0, fraction) * (self.target - latest)
        self.target = min(self._top, max(self._floor, target))

    def respond(self, state: State, offer: int) -> bool:
        self._observe(offer)
        return self.u[offer] >= self.target

    def propose(self, state: State) -> int:
        return self.view.at_least(self.target)


class AbsoluteTitForTat(TitForTat, name="tit-for-tat-absolute"):
    """Tit-for-tat that concedes the same amount of own utility the opponent conceded."""

    def __init__(self, mode: str = "absolute") -> None:
        super().__init__(mode)

