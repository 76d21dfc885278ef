"""Rubinstein (1982) alternating offers over a divisible good (a pie of size 1) with discount factors.

Party 0 proposes in even rounds, party 1 in odd rounds; a proposal is the share the proposer keeps. The
responder accepts or rejects; an agreement in round ``t`` is worth ``share · δᵢᵗ`` to party ``i``.

The subgame-perfect strategies are computed here by backward induction — the last proposer of a game with a
horizon of ``T`` rounds keeps everything; one round earlier the proposer keeps ``1 − δ_responder · (the
responder's share as proposer next round)`` — with ``T`` grown until the shares stop changing.
:func:`closed_form` gives the same shares as formulas (in the limit the first proposer keeps
``(1 − δ₂)/(1 − δ₁δ₂)``); the tests check one against the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


def check_discounts(delta: tuple[float, float], horizon: int | None = None) -> None:
    """Raise ``ValueError`` unless both discount factors lie in [0, 1) (in [0, 1] with a finite horizon) and the
    horizon, if any, is at least one round."""
    if len(delta) != 2:
        raise ValueError(f"need two discount factors, got {len(delta)}")
    if horizon is not None and horizon < 1:
        raise ValueError(f"the horizon must be at least 1 round, got {horizon}")
    top = "1]" if horizon is not None else "1)"
    for name, d in zip(("δ₁", "δ₂"), delta):
        if not (0.0 <= d < 1.0 or (horizon is not None and d == 1.0)):
            why = "" if horizon is not None or not d == 1.0 else " (an infinite horizon needs δ < 1)"
            raise ValueError(f"{name} = {d!r} is not in [0, {top}{why}")


def _affine_power(slope: float, steps: int) -> tuple[float, float]:
    """``(slope**steps, 1 + slope + … + slope**(steps − 1))`` by repeated squaring of ``x ↦ slope·x + 1``."""
    power, total = 1.0, 0.0  # the identity map
    base_slope, base_total = slope, 1.0
    while steps:
        if steps & 1:
            power, total = power * base_slope, total * base_slope + base_total
        base_slope, base_total = base_slope * base_slope, base_total * base_slope + base_total
        steps >>= 1
    return power, total


def spe_shares(delta: tuple[float, float], horizon: int | None = None, tolerance: float = 1e-15) -> tuple[float, float]:
    """What each party keeps when it proposes, under subgame-perfect play (infinite horizon unless ``horizon``).

    Backward induction: one round earlier, the proposer keeps ``1 − δ_responder · k_responder``. Two rounds of
    that are the affine map ``kᵢ ↦ (1 − δ_other) + δ₀δ₁ · kᵢ``, so a game of ``T`` rounds is computed with
    O(log T) squarings of it; without a horizon, ``T`` doubles until the shares stop changing."""
    d0, d1 = float(delta[0]), float(delta[1])
    check_discounts((d0, d1), horizon)
    offsets, slope = (1.0 - d1, 1.0 - d0), d0 * d1

    def after(pairs: int, keep: tuple[float, float]) -> tuple[float, float]:
        power, total = _affine_power(slope, pairs)
        return offsets[0] * total + power * keep[0], offsets[1] * total + power * keep[1]

    if horizon is not None:  # a one-round game: the proposer keeps everything; then add rounds
        keep = (1.0, 1.0)
        if (horizon - 1) % 2:
            keep = (1.0 - d1 * keep[1], 1.0 - d0 * keep[0])
        return after((horizon - 1) // 2, keep)
    keep, pairs = (1.0, 1.0), 1
    while True:
        new = after(pairs, (1.0, 1.0))
        change = max(abs(new[0] - keep[0]), abs(new[1] - keep[1]))
        keep, pairs = new, pairs * 2
        if change <= tolerance or pairs > 2**62:
            return keep


def closed_form(delta: tuple[float, float], horizon: int | None = None) -> tuple[float, float]:
    """Each party's subgame-perfect share as first proposer, from the formulas: ``(1 − δⱼ)/(1 − δ₀δ₁)``
    without a horizon; with ``T = 2n + 1`` rounds ``(1 − δⱼ)·(1 − sⁿ)/(1 − s) + sⁿ`` (``s = δ₀δ₁``, ``j`` the
    other party), and with ``T = 2n + 2`` rounds one minus ``δⱼ`` times ``j``'s share of a ``2n + 1``-round game."""
    d = (float(delta[0]), float(delta[1]))
    check_discounts(d, horizon)
    s = d[0] * d[1]
    if horizon is None:
        return (1 - d[1]) / (1 - s), (1 - d[0]) / (1 - s)
    n = (horizon - 1) // 2
    geometric = float(n) if s == 1 else (1 - s**n) / (1 - s)
    odd = ((1 - d[1]) * geometric + s**n, (1 - d[0]) * geometric + s**n)
    if horizon % 2:
        return odd
    return 1 - d[1] * odd[1], 1 - d[0] * odd[0]


def spe_share(delta_proposer: float, delta_responder: float) -> float:
    """The share the first proposer keeps under subgame-perfect play."""
    return spe_shares((delta_proposer, delta_responder))[0]


class PieStrategy(Protocol):
    def propose(self, round: int) -> float: ...
    def respond(self, round: int, share: float) -> bool: ...


@dataclass(frozen=True)
class SubgamePerfect:
    """Party ``me`` playing its subgame-perfect strategy: ask for its SPE share, accept any offer worth at least
    the discounted value of proposing next round (anything in the last round of a game with a ``horizon``)."""

    me: int
    delta: tuple[float, float]
    horizon: int | None = None

    def _keep(self, rounds_left: int | None) -> float:
        return spe_shares(self.delta, rounds_left)[self.me]

    def propose(self, round: int) -> float:
        return self._keep(None if self.horizon is None else self.horizon - round)

    def respond(self, round: int, share: float) -> bool:
        if self.horizon is None:
            return share >= self.delta[self.me] * self._keep(None) - 1e-12
        left = self.horizon - round - 1
        return left <= 0 or share >= self.delta[self.me] * self._keep(left) - 1e-12


@dataclass(frozen=True)
class FixedDemand:
    """Always asks for ``demand`` and accepts any offer of at least ``accept``."""

    demand: float
    accept: float

    def propose(self, round: int) -> float:
        return self.demand

    def respond(self, round: int, share: float) -> bool:
        return share >= self.accept


@dataclass(frozen=True)
class RubinsteinResult:
    agreement: bool
    round: int | None
    shares: tuple[float, float] | None
    utilities: tuple[float, float]
    trace: list = field(default_factory=list)


def rubinstein(delta: tuple[float, float], strategies: tuple[PieStrategy, PieStrategy] | None = None,
               max_rounds: int = 1000, horizon: int | None = None) -> RubinsteinResult:
    """Play alternating offers over a pie; by default both parties play subgame-perfect strategies. A
    ``horizon`` ends the game after that many rounds (and is the horizon the default strategies plan for)."""
    players = strategies or (SubgamePerfect(0, delta, horizon), SubgamePerfect(1, delta, horizon))
    if horizon is not None:
        max_rounds = min(max_rounds, horizon)
    trace = []
    for t in range(max_rounds):
        proposer, responder = t % 2, 1 - t % 2
        keep = float(players[proposer].propose(t))
        if not 0.0 <= keep <= 1.0:
            raise ValueError(f"party {proposer} asked for {keep!r}, not a share in [0, 1]")
        offered = 1.0 - keep
        accepted = bool(players[responder].respond(t, offered))
        trace.append({"round": t, "proposer": proposer, "keeps": keep, "accepted": accepted})
        if accepted:
            shares = (keep, offered) if proposer == 0 else (offered, keep)
            return RubinsteinResult(True, t, shares, (shares[0] * delta[0] ** t, shares[1] * delta[1] ** t), trace)
    return RubinsteinResult(False, None, None, (0.0, 0.0), trace)
