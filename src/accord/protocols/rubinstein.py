"""Rubinstein (1982) alternating offers over a divisible good (a pie of size 1) with discount factors.

Party 0 proposes in even rounds, party 1 in odd rounds; a proposal is the share the proposer keeps. The
responder accepts or rejects; an agreement in round ``t`` is worth ``share · δᵢᵗ`` to party ``i``.

The subgame-perfect strategies are computed here by backward induction — the last proposer of a game with a
horizon of ``T`` rounds keeps everything; one round earlier the proposer keeps ``1 − δ_responder · (the
responder's share as proposer next round)`` — with ``T`` grown until the shares stop changing. In the limit the
first proposer keeps ``(1 − δ₂)/(1 − δ₁δ₂)``, which the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


def spe_shares(delta: tuple[float, float], horizon: int | None = None, tolerance: float = 1e-15) -> tuple[float, float]:
    """What each party keeps when it proposes, under subgame-perfect play (infinite horizon unless ``horizon``)."""
    d0, d1 = float(delta[0]), float(delta[1])
    if not (0 <= d0 < 1 or horizon) or not (0 <= d1 < 1 or horizon):
        raise ValueError("discount factors must lie in [0, 1) for an infinite horizon")
    # keep[i]: what party i keeps as the proposer of the current round, given the game that follows.
    keep = (1.0, 1.0)  # a one-round game: the proposer keeps everything

    def longer(k: tuple[float, float]) -> tuple[float, float]:  # the same game, one round longer
        return 1.0 - d1 * k[1], 1.0 - d0 * k[0]

    if horizon is not None:
        for _ in range(horizon - 1):
            keep = longer(keep)
        return keep
    change = float("inf")
    while True:  # two rounds at a time: that map is a monotone contraction (factor δ₀δ₁)
        new = longer(longer(keep))
        previous, change = change, max(abs(new[0] - keep[0]), abs(new[1] - keep[1]))
        keep = new
        if change <= tolerance or change >= previous:  # converged, or stopped improving in floating point
            return keep


def spe_share(delta_proposer: float, delta_responder: float) -> float:
    """The share the first proposer keeps under subgame-perfect play."""
    return spe_shares((delta_proposer, delta_responder))[0]


class PieStrategy(Protocol):
    def propose(self, round: int) -> float: ...
    def respond(self, round: int, share: float) -> bool: ...


@dataclass(frozen=True)
class SubgamePerfect:
    """Party ``me`` playing its subgame-perfect strategy: ask for its SPE share, accept any offer worth at least
    the discounted value of proposing next round."""

    me: int
    delta: tuple[float, float]

    def propose(self, round: int) -> float:
        return spe_shares(self.delta)[self.me]

    def respond(self, round: int, share: float) -> bool:
        return share >= self.delta[self.me] * spe_shares(self.delta)[self.me] - 1e-12


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
               max_rounds: int = 1000) -> RubinsteinResult:
    """Play alternating offers over a pie; by default both parties play subgame-perfect strategies."""
    players = strategies or (SubgamePerfect(0, delta), SubgamePerfect(1, delta))
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
