"""One negotiation session: ``run_session(scenario, strategies, protocol, rounds, seconds, seed)``.

Everything that depends only on the scenario comes from :func:`accord.simulate.prepare.prepare` (cached). The
per-session part is cheap: one view per party, one protocol loop, one vectorised pass over the trace. Inputs and
the result are plain, picklable data, so a tournament can ship sessions to worker processes.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from accord.errors import OptionError, ScenarioError, check_seed
from accord.model import Scenario
from accord.protocols.common import MAX_TRACE_ROWS, Run, SessionConfig
from accord.protocols.registry import Protocol, protocol_named
from accord.protocols.watchdog import blame
from accord.simulate.prepare import Prepared, prepare
from accord.simulate.result import SessionResult
from accord.simulate.seeds import derived_seeds
from accord.space.search import OwnUtilities
from accord.strategies.base import OfferHistory, PartyView, Strategy
from accord.strategies.registry import make


def resolve_strategies(strategies: Sequence[str | Strategy], n_parties: int) -> list[Strategy]:
    """Fresh strategy instances, one per party; names are looked up in the registry."""
    if len(strategies) != n_parties:
        raise OptionError(f"got {len(strategies)} strategies for {n_parties} parties", parameter="strategies",
                          fix=f"give one strategy per party ({n_parties})")
    return [make(spec) for spec in strategies]


MAX_ROUNDS = 10_000_000
"""The longest deadline in rounds (the trace keeps the last ``MAX_TRACE_ROWS`` rows; the offer history strategies
read holds every offer, 16 bytes each)."""


def check_options(protocol: str, rounds: int | None, seconds: float | None, budget: float = 1.0,
                  seed: int = 0) -> None:
    """An ``OptionError`` for the first session option a session cannot run with."""
    protocol_named(protocol)
    if rounds is not None and rounds <= 0:
        raise OptionError(f"rounds must be positive, got {rounds}", parameter="rounds", fix="give 1 or more")
    if rounds is not None and rounds > MAX_ROUNDS:
        raise OptionError(f"{rounds:,} rounds is more than {MAX_ROUNDS:,}", parameter="rounds",
                          fix="give fewer rounds, or a time limit with `seconds`")
    if seconds is not None and not seconds > 0:
        raise OptionError(f"seconds must be positive, got {seconds}", parameter="seconds",
                          fix="give a positive time limit")
    if rounds is None and seconds is None:
        raise OptionError("no deadline", parameter="rounds", fix="give `rounds` and/or `seconds`")
    check_seed(seed)
    if not budget > 0:
        raise OptionError(f"budget must be positive, got {budget}", parameter="budget", fix="give a positive budget")


def views(prepared: Prepared, seeds: list[int], config: SessionConfig, positions: list[int],
          proposers: list[int]) -> list[PartyView]:
    """The frozen view each party's strategy gets."""
    scenario = prepared.scenario
    history = OfferHistory(positions, proposers)
    sizes = tuple(int(s) for s in prepared.space.sizes)
    if prepared.searches:
        return [
            PartyView(index=k, name=party.name, n_parties=prepared.n_parties, n_outcomes=prepared.n_outcomes,
                      utility=None, order=None, sorted_utility=None, utility_list=OwnUtilities(finder),
                      reservation=prepared.reservations[k], discount=prepared.discounts[k], rounds=config.rounds,
                      seconds=config.seconds, seed=seeds[k], history=history, issue_sizes=sizes,
                      value_indices=prepared.space.value_indices, finder=finder)
            for k, (party, finder) in enumerate(zip(scenario.parties, prepared.finders))
        ]
    return [
        PartyView(index=k, name=party.name, n_parties=prepared.n_parties, n_outcomes=prepared.n_outcomes,
                  utility=column.utility, order=column.order, sorted_utility=column.sorted_utility,
                  utility_list=column.utility_list, reservation=prepared.reservations[k],
                  discount=prepared.discounts[k], rounds=config.rounds, seconds=config.seconds, seed=seeds[k],
                  history=history, issue_sizes=sizes, value_indices=prepared.space.value_indices)
        for k, (party, column) in enumerate(zip(scenario.parties, prepared.columns))
    ]


def check_searchable(prepared: Prepared, protocol: Protocol, players: list[Strategy]) -> None:
    """An ``OptionError`` when a space too large to enumerate meets a protocol or strategy that needs the arrays."""
    if not prepared.searches:
        return
    where = f"{prepared.scenario.name} has {prepared.n_outcomes:,} outcomes, too many to enumerate"
    if not protocol.beyond_enumeration:
        raise OptionError(f"the {protocol.name} protocol needs every outcome enumerated; {where}",
                          parameter="protocol", fix="use a protocol that searches, such as sao")
    for player in players:
        if not player.beyond_enumeration:
            from accord.strategies.registry import registry

            able = ", ".join(name for name, info in registry().items() if info.cls.beyond_enumeration)
            raise OptionError(f"strategy '{player.name or type(player).__name__}' needs every outcome enumerated; "
                              f"{where}", parameter="strategies", fix=f"choose from {able}")


def run_session(scenario: Scenario | Prepared, strategies: Sequence[str | Strategy] | None = None,
                protocol: str = "sao",
                rounds: int | None = 100, seconds: float | None = None, seed: int = 0, budget: float = 1.0,
                discounting: bool = True, keep_trace: bool = True) -> SessionResult:
    """Negotiate ``scenario`` once, one strategy per party, and return the result with its trace.

    ``strategies`` are registry names or :class:`Strategy` instances (instances are cloned, never mutated).
    ``protocol`` is the name of a declared protocol (:data:`accord.protocols.PROTOCOLS`); one that plays its own
    strategy for every party (``zeuthen``, a complete-information model) takes no strategies (or that strategy's
    name for each party). The deadline is ``rounds`` and/or ``seconds``; ``budget`` is the per-call time budget of a
    strategy (a call still running after it is interrupted when this runs in the main thread on POSIX; see
    :class:`~accord.protocols.SessionConfig`). The same ``seed`` gives the same trace (with a rounds-only
    deadline)."""
    if isinstance(strategies, str):
        raise TypeError("strategies is a list, one name or Strategy per party (split 'a,b' before the call)")
    prepared = scenario if isinstance(scenario, Prepared) else prepare(scenario)
    check_options(protocol, rounds, seconds, budget, seed)
    declared = protocol_named(protocol)
    if prepared.n_parties < declared.min_parties:
        raise ScenarioError(f"has {prepared.n_parties} party; a negotiation needs {declared.min_parties} or more",
                            source=prepared.scenario.name, fix="add a profile for each other party")
    if not declared.needs_strategies:
        if any(name != declared.plays for name in strategies or []):
            raise OptionError(f"the {declared.name} protocol plays the {declared.plays} strategy for every party",
                              parameter="strategies",
                              fix=f"leave them out or give '{declared.plays}' for each party")
        players: list[Strategy] = []
    else:
        if not strategies:
            raise OptionError("no strategies given", parameter="strategies",
                              fix=f"give one strategy per party ({prepared.n_parties})")
        players = resolve_strategies(strategies, prepared.n_parties)
    check_searchable(prepared, declared, players)
    config = SessionConfig(rounds=rounds, seconds=seconds, budget=budget, discounting=discounting,
                           keep_trace=keep_trace)
    seeds = derived_seeds(seed, prepared.n_parties + 1)  # one per party, the last for a mediator
    # every offer, for the strategies' history: 8 bytes each (Python ints when positions may pass 2⁶³)
    positions: array[int] | list[int] = [] if prepared.searches else array("q")
    proposers: array[int] = array("q")
    fault = None
    for k, (player, view) in enumerate(zip(players, views(prepared, seeds, config, positions, proposers))):
        try:
            player.setup(view)
        except Exception as error:  # noqa: BLE001 - contained like any other strategy fault
            from accord.protocols.common import Fault, describe

            fault = Fault(k, "raised", "setup: " + describe(error))
            break
        except BaseException as error:  # a guard stopped the session (or the user did): blame this party
            blame(error, k)
            raise
    if fault is not None:
        run = Run(ended_by="error", fault=fault)
    else:
        run = declared.run(players, prepared, config, positions, proposers, seeds[-1])
    return finish(prepared, declared, players, seed, config, run)


def rejections(prepared: Prepared, position: int) -> tuple[str, ...]:
    """The constituencies (``"Party: constituency"``) that would not ratify the outcome at ``position``."""
    scenario = prepared.scenario
    if not any(party.constituencies for party in scenario.parties):
        return ()
    row = prepared.space.value_indices(np.array([position]))
    rejected = []
    for party in scenario.parties:
        for constituency in party.constituencies:
            utility = round(float(constituency.utility.evaluate(scenario.issues, row)[0]), 10)
            if utility < round(constituency.threshold, 10):
                rejected.append(f"{party.name}: {constituency.name}")
    return tuple(rejected)


def finish(prepared: Prepared, protocol: Protocol, players: list[Strategy], seed: int, config: SessionConfig,
           run: Run) -> SessionResult:
    """Turn a protocol's raw record into a :class:`SessionResult`."""
    scenario = prepared.scenario
    reservations = np.asarray(prepared.reservations)
    agreement = run.position is not None
    if agreement:
        got = prepared.scores([run.position])[0].copy()
        if config.discounting:
            for k, delta in enumerate(prepared.discounts):
                if delta is not None:
                    got[k] *= float(delta) ** run.time
        outcome = prepared.space.outcome(run.position)
    else:
        got = reservations.copy()
        outcome = None
    frontier = prepared.frontier
    pareto_distance = float(np.sqrt(((frontier - got) ** 2).sum(axis=1)).min()) if len(frontier) else float("nan")
    nash = prepared.nash_point
    nash_distance = float(np.sqrt(((np.asarray(nash) - got) ** 2).sum())) if nash else float("nan")
    rows = tuple(run.trace)
    truncated = len(rows) > MAX_TRACE_ROWS
    rows = rows[-MAX_TRACE_ROWS:]
    trace_values = trace_utilities = None
    if rows:
        safe = [row[3] if row[3] >= 0 else 0 for row in rows]
        if not prepared.searches:
            safe = np.asarray(safe, dtype=np.int64)
        trace_values = prepared.space.value_indices(safe)
        trace_utilities = prepared.scores(safe)
    return SessionResult(
        scenario=scenario.name, protocol=protocol.name, parties=scenario.party_names,
        strategies=tuple(p.name or type(p).__name__ for p in players) or (protocol.plays,) * prepared.n_parties,
        seed=int(seed), agreement=agreement,
        position=run.position, outcome=outcome, utilities=tuple(float(u) for u in got), rounds=run.rounds,
        steps=run.steps, time=float(run.time), ended_by=run.ended_by, fault=run.fault,
        pareto_distance=pareto_distance, nash_distance=nash_distance, nash_utilities=nash, elapsed=run.elapsed,
        issue_names=scenario.issue_names, issue_values=tuple(issue.values for issue in scenario.issues),
        trace_rows=rows, trace_values=trace_values, trace_utilities=trace_utilities,
        has_constituencies=any(party.constituencies for party in scenario.parties),
        rejected_by=rejections(prepared, run.position) if agreement else (), trace_truncated=truncated,
    )
