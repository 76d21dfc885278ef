"""Mediated single-text negotiation (Raiffa's single negotiating text).

A mediator holds one text (an outcome), starting from a random one. Each round it proposes a variation — one
issue changed to another value, drawn with the session's seed — and every party votes on it with its strategy's
``vote(state, current, proposal)``. If no party vetoes, the variation becomes the text. At the deadline each party
ratifies or rejects the final text with ``respond``; it is an agreement when every party accepts.
"""

from __future__ import annotations

from time import perf_counter

import numpy as np

from accord.protocols.common import MEDIATOR, Run, SessionConfig, guarded_answer
from accord.protocols.watchdog import watching
from accord.strategies.base import State


class _Mediator:
    """Proposes one-issue variations of the text, staying inside the feasible outcome space."""

    def __init__(self, space, seed: int) -> None:
        self.space = space
        self.rng = np.random.default_rng(seed)
        self.sizes = [int(s) for s in space.sizes]
        self.strides = np.cumprod([1, *self.sizes[::-1]])[:-1][::-1]
        self.varying = [k for k, s in enumerate(self.sizes) if s > 1]

    def start(self) -> int:
        return int(self.rng.integers(self.space.size))

    def vary(self, position: int) -> int | None:
        if not self.varying:
            return None
        values = self.space.value_indices(np.array([position]))[0]
        for _ in range(8):
            issue = self.varying[int(self.rng.integers(len(self.varying)))]
            shift = int(self.rng.integers(1, self.sizes[issue]))
            changed = values.copy()
            changed[issue] = (changed[issue] + shift) % self.sizes[issue]
            flat = int((changed * self.strides).sum())
            feasible = self.space.feasible_indices
            if feasible is None:
                return flat
            spot = int(np.searchsorted(feasible, flat))
            if spot < feasible.size and feasible[spot] == flat:
                return spot
        return None


def run_single_text(strategies, prepared, config: SessionConfig, positions: list[int], proposers: list[int],
                    mediator_seed: int) -> Run:
    """Run the single-text protocol: the mediator improves the text while no party vetoes. A strategy call still
    running after ``config.budget`` seconds is interrupted where :mod:`accord.protocols.watchdog` can do it."""
    with watching(config.budget) as clock:
        return _negotiate(strategies, prepared, config, positions, proposers, mediator_seed, clock)


def _negotiate(strategies, prepared, config: SessionConfig, positions: list[int], proposers: list[int],
               mediator_seed: int, clock: list) -> Run:
    start = perf_counter()
    run = Run()
    trace = run.trace
    keep = config.keep_trace
    mediator = _Mediator(prepared.space, mediator_seed)
    text = mediator.start()
    rounds = config.rounds or 10**9
    budget = config.budget
    positions.append(text)
    proposers.append(MEDIATOR)
    if keep:
        trace.append((0, MEDIATOR, "propose", text, 0.0))
    time = 0.0
    rnd = 1
    while rnd < rounds:
        time = rnd / rounds
        if config.seconds is not None:
            elapsed = (perf_counter() - start) / config.seconds
            if elapsed >= 1.0:
                break
            time = max(time, elapsed)
        proposal = mediator.vary(text)
        if proposal is None:
            break
        if keep:
            trace.append((rnd, MEDIATOR, "propose", proposal, time))
        state = State(rnd, rnd, time, len(positions))
        positions.append(proposal)
        proposers.append(MEDIATOR)
        for party, strategy in enumerate(strategies):
            vote, run.fault = guarded_answer(party, budget, clock, strategy.vote, state, text, proposal, may_end=False)
            if run.fault is not None or not vote:
                break
        if run.fault is not None:
            break
        if vote:
            text = proposal
        if keep:
            trace.append((rnd, MEDIATOR, "adopt", proposal, time) if vote else (rnd, party, "veto", proposal, time))
        rnd += 1
    if run.fault is None:
        state = State(rnd, rnd, 1.0, len(positions))
        accepted = 0
        for party, strategy in enumerate(strategies):
            answer, run.fault = guarded_answer(party, budget, clock, strategy.respond, state, text)
            if run.fault is not None:
                break
            if keep:
                trace.append((rnd, party, "accept" if answer is True else "reject", text, 1.0))
            accepted += answer is True
        if run.fault is None:
            if accepted == len(strategies):
                run.position = text
                run.ended_by = "agreement"
            else:
                run.ended_by = "rejected"
    if run.fault is not None:
        run.ended_by = "error"
        if keep:
            trace.append((rnd, run.fault.party, "error", -1, time))
    run.steps = rnd
    run.rounds = rnd
    run.time = 1.0 if run.position is not None else time
    run.elapsed = perf_counter() - start
    return run
