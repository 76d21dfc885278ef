"""Stacked alternating offers (SAOP, the ANAC protocol), bilateral and multilateral.

Parties take turns in a fixed order. The first party opens with an offer. On each later turn the party either
accepts the standing offer, rejects it and makes its own (which becomes the standing offer), or walks away. An
offer is agreed once every other party has accepted it in turn. The session breaks down when the deadline
(rounds and/or seconds) passes, a party walks away, or a strategy faults (raises, overruns its per-call budget,
offers something outside the outcome space or answers something that is not an answer).

The loop runs on plain Python scalars: positions are ints, utilities are looked up by strategies in tuples.
"""

from __future__ import annotations

from time import perf_counter

from accord.protocols.common import (
    Run,
    SessionConfig,
    as_answer,
    as_position,
    interrupted,
    invalid_offer,
    invalid_response,
    over_budget,
    raised,
)
from accord.protocols.watchdog import IDLE, STRATEGY_EXITS, OverBudget, from_user, watching
from accord.strategies.base import END, State, Strategy


_new_state = tuple.__new__


def run_sao(strategies: list[Strategy], n_outcomes: int, config: SessionConfig,
            positions: list[int], proposers: list[int]) -> Run:
    """Run one SAOP session with set-up ``strategies``; ``positions``/``proposers`` are the offer-history lists
    the strategies' views read (filled here). A strategy call still running after ``config.budget`` seconds is
    interrupted where :mod:`accord.protocols.watchdog` can do it."""
    with watching(config.budget) as clock:
        return _negotiate(strategies, n_outcomes, config, positions, proposers, clock)


def _negotiate(strategies: list[Strategy], n_outcomes: int, config: SessionConfig, positions: list[int],
               proposers: list[int], clock: list) -> Run:
    n = len(strategies)
    new_state = _new_state  # builds the State tuple without NamedTuple.__new__'s Python frame
    rounds = config.rounds
    seconds = config.seconds
    budget = config.budget
    keep = config.keep_trace
    total = rounds * n if rounds else None
    run = Run()
    trace = run.trace
    record = trace.append
    add_offer = positions.append
    add_proposer = proposers.append
    standing = -1
    accepted = 0
    step = 0
    start = perf_counter()
    time = 0.0
    party = 0
    calling = "propose"
    try:
        while True:
            now = perf_counter()
            clock[0] = now  # the watchdog times the next strategy call from here
            if total is not None and step >= total:
                run.ended_by = "deadline"
                break
            if seconds is not None:
                elapsed = (now - start) / seconds
                if elapsed >= 1.0:
                    run.ended_by = "timeout"
                    break
                time = step / total if total is not None else 0.0
                if elapsed > time:
                    time = elapsed
            else:
                time = step / total
            party = clock[1] = step % n  # the watchdog blames this party for what ends the session now
            rnd = step // n
            state = new_state(State, (step, rnd, time, len(positions)))
            strategy = strategies[party]
            try:
                if standing >= 0:
                    calling = "respond"
                    answer = strategy.respond(state, standing)
                    took = perf_counter() - now
                    if took > budget:
                        run.fault = over_budget(party, calling, took, budget)
                        break
                    if answer is not True and answer is not False and answer is not END:
                        answer = as_answer(answer)
                        if answer is None:
                            run.fault = invalid_response(party, calling)
                            break
                    if answer is True:
                        accepted += 1
                        if keep:
                            record((rnd, party, "accept", standing, time))
                        step += 1
                        if accepted == n - 1:
                            run.position = standing
                            run.ended_by = "agreement"
                            break
                        continue
                    if answer is END:
                        if keep:
                            record((rnd, party, "end", -1, time))
                        run.ended_by = "end"
                        step += 1
                        break
                    now = clock[0] = perf_counter()
                calling = "propose"
                offer = strategy.propose(state)
            except Exception as error:  # noqa: BLE001 - contained: the session breaks down
                run.fault = raised(party, error)
                break
            except STRATEGY_EXITS as error:  # sys.exit or KeyboardInterrupt from the strategy: its fault
                if from_user(error):
                    raise
                run.fault = raised(party, error)
                break
            except OverBudget:
                run.fault = interrupted(party, calling, clock, budget)
                break
            took = perf_counter() - now
            if took > budget:
                run.fault = over_budget(party, calling, took, budget)
                break
            if offer.__class__ is not int or not 0 <= offer < n_outcomes:
                checked = as_position(offer, n_outcomes)
                if checked is None:
                    run.fault = invalid_offer(party, offer, n_outcomes)
                    break
                offer = checked
            standing = offer
            accepted = 0
            add_offer(offer)
            add_proposer(party)
            if keep:
                record((rnd, party, "offer", offer, time))
            step += 1
    except OverBudget:  # landed just after a late call returned, before the next one began
        run.fault = interrupted(party, "a strategy call", clock, budget)
    clock[0] = IDLE
    if run.fault is not None:
        run.ended_by = "error"
        if keep:
            record((step // n, run.fault.party, "error", -1, time))
    run.steps = step
    run.rounds = (step + n - 1) // n if step else 0
    run.time = time
    run.elapsed = perf_counter() - start
    return run
