"""Bueno de Mesquita's expected-utility model, as specified by Scholz, Calbert & Smith (2011).

One call to :func:`eu_round` plays one round over plain arrays (positions ``x``, capabilities ``c``,
saliences ``s``); every pairwise quantity is an ``(n, n)`` matrix whose entry ``[i, j]`` concerns
actor ``i`` challenging actor ``j``. See FORECAST.md §2 for the numbered steps quoted below.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONFLICT = "conflict"
COMPROMISE = "compromise"
CAPITULATION = "capitulation"
BLOCK_ELEMENTS = 1 << 22
"""The most numbers (32 MB of floats) one block of the three-actor sums holds."""


@dataclass(frozen=True)
class Move:
    """Actor ``actor`` answered the offer of ``sender`` with ``kind`` and now stands at ``position``."""

    kind: str
    actor: int
    sender: int
    position: float

    def describe(self, names: tuple[str, ...]) -> str:
        """Return the event in words, e.g. ``"Luxembourg loses confrontation to France"``."""
        who, whom = names[self.actor], names[self.sender]
        verb = {
            CONFLICT: "loses confrontation to",
            COMPROMISE: "compromises with",
            CAPITULATION: "capitulates to",
        }[self.kind]
        return f"{who} {verb} {whom}"


@dataclass(frozen=True)
class RoundOutcome:
    """What one round produced.

    ``converged`` is true when every actor faced the same danger (max S = min S, step 6): the round then stops
    there, ``positions`` are the unchanged input and ``risk``/``utility`` are those of the first pass (r = 1).
    """

    positions: np.ndarray
    risk: np.ndarray
    utility: np.ndarray
    moves: tuple[Move, ...]
    converged: bool


def eu_round(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, delta: float, q: float = 1.0, t: float = 1.0
) -> RoundOutcome:
    """Play one round of the expected-utility model; ``delta`` is x_max − x_min of the initial positions."""
    x, c, s = (np.asarray(a, dtype=float) for a in (x, c, s))
    if delta <= 0:  # every actor already holds the same position
        return RoundOutcome(x.copy(), np.ones_like(x), np.zeros((x.size, x.size)), (), True)
    weight = c * s
    prob = win_probability(x, weight)
    first = expected_utility(x, s, prob, np.ones_like(x), delta, best_vote_position(x, weight, delta), q, t)
    danger = faced_danger(first)
    if danger.max() == danger.min():
        return RoundOutcome(x.copy(), np.ones_like(x), first, (), True)
    risk = risk_exponent(danger)
    mean = float(np.dot(weight, x) / weight.sum())
    utility = expected_utility(x, s, prob, risk, delta, mean, q, t)
    positions, moves = respond(x, utility)
    return RoundOutcome(positions, risk, utility, moves, False)


def best_vote_position(x: np.ndarray, weight: np.ndarray, delta: float) -> float:
    """Return μ of step 2: the position a with the largest pairwise vote Σₖ wₖ(|xₖ − b| − |xₖ − a|)/Δ."""
    spread = weight @ np.abs(x[:, None] - x[None, :])  # spread[a] = Σₖ wₖ|xₖ − x_a|
    votes = (spread[None, :] - spread[:, None]) / delta  # votes[a, b]
    a, _ = np.unravel_index(int(np.argmax(votes)), votes.shape)
    return float(x[a])


def win_probability(x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Return P[i, j], the probability that i prevails over j (step 4); 0 where xᵢ = xⱼ.

    The sums over the third actor k run in blocks of k, so memory stays at a few (n, n) arrays plus one block of
    at most :data:`BLOCK_ELEMENTS` numbers (one block, the whole sum at once, up to 161 actors)."""
    dist = np.abs(x[:, None] - x[None, :])  # dist[k, m] = |xₖ − x_m|
    n = x.size
    top, bottom = np.zeros((n, n)), np.zeros((n, n))
    step = max(1, BLOCK_ELEMENTS // max(1, n * n))
    for start in range(0, n, step):
        block = slice(start, start + step)
        # δ[k, i, j] = |xₖ − xⱼ| − |xₖ − xᵢ|, for the k of this block
        support = dist[block, None, :] - dist[block, :, None]
        top += np.einsum("k,kij->ij", weight[block], support)
        bottom += np.einsum("k,kij->ij", weight[block], np.abs(support))
    same = x[:, None] == x[None, :]
    safe = np.where(bottom > 0, bottom, 1.0)
    return np.where(same | (bottom <= 0), 0.0, np.maximum(top, 0.0) / safe)


def expected_utility(
    x: np.ndarray,
    s: np.ndarray,
    prob: np.ndarray,
    risk: np.ndarray,
    delta: float,
    mu: float,
    q: float,
    t: float,
) -> np.ndarray:
    """Return EU[i, j], i's expected utility of challenging j (steps 3 and 5); the diagonal is 0."""
    d = np.abs(x[:, None] - x[None, :]) / delta
    e = np.abs(x - mu)[:, None] / delta + d
    r = risk[:, None]
    u_success = 2 - 4 * (0.5 - 0.5 * d) ** r
    u_failure = 2 - 4 * (0.5 + 0.5 * d) ** r
    u_better = 2 - 4 * (0.5 - 0.25 * e) ** r
    u_worse = 2 - 4 * (0.5 + 0.25 * e) ** r
    u_status_quo = 2 - 4 * 0.5**r
    target = s[None, :]
    eu = (
        target * (prob * u_success + (1 - prob) * u_failure)
        + (1 - target) * u_success
        - q * u_status_quo
        + (1 - q) * (t * u_better + (1 - t) * u_worse)
    )
    np.fill_diagonal(eu, 0.0)
    return eu


def faced_danger(utility: np.ndarray) -> np.ndarray:
    """Return Sₖ = Σ_{j≠k} EU[j, k], the danger each actor faces from the others' challenges."""
    return utility.sum(axis=0) - np.diag(utility)


def risk_exponent(danger: np.ndarray) -> np.ndarray:
    """Return rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3) with Rᵢ = (2Sᵢ − max S − min S)/(max S − min S) (step 6)."""
    high, low = danger.max(), danger.min()
    scaled = (2 * danger - high - low) / (high - low)
    return (1 - scaled / 3) / (1 + scaled / 3)


def respond(x: np.ndarray, utility: np.ndarray) -> tuple[np.ndarray, tuple[Move, ...]]:
    """Send the offers (step 8) and let each actor answer its best one in input order (step 9)."""
    offered = x.copy()  # offers carry the sender's position when sent
    positions = x.copy()
    moves: list[Move] = []
    n = x.size
    for j in range(n):
        senders = [i for i in range(n) if i != j and utility[i, j] > 0]
        if not senders:
            continue
        best = max(utility[i, j] for i in senders)
        tied = [i for i in senders if utility[i, j] == best]
        i = min(tied, key=lambda k: abs(positions[j] - offered[k]))
        mine, theirs = utility[j, i], utility[i, j]
        if 0 < mine < theirs:
            kind, new = CONFLICT, offered[i]
        elif mine < 0 and abs(mine) < theirs:
            kind, new = COMPROMISE, positions[j] + (offered[i] - positions[j]) * abs(mine / theirs)
        elif mine < 0 and abs(mine) > theirs:
            kind, new = CAPITULATION, offered[i]
        else:
            continue
        positions[j] = new
        moves.append(Move(kind, j, i, float(new)))
    return positions, tuple(moves)
