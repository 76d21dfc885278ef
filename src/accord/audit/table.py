"""A person at the table: one party of a scenario played by a person against strategies, turn by turn.

Stacked alternating offers as in :mod:`accord.protocols.sao` (parties take turns in scenario order; an offer is
agreed once every other party has accepted it in turn), but paused whenever it is the person's turn. The moves
are kept as a record (:mod:`accord.audit.record`), so the session can be audited like any other.
"""

from __future__ import annotations

from accord.audit.record import FORMAT_VERSION
from accord.errors import OptionError, ScenarioError
from accord.model import Scenario
from accord.protocols.common import SessionConfig, as_position
from accord.simulate.prepare import fits, prepare
from accord.simulate.seeds import derived_seeds
from accord.simulate.session import check_options, views
from accord.space import scenario_space
from accord.strategies.base import END, State
from accord.strategies.registry import make


class TableGame:
    """A session in which party ``person`` is played by a person and every other party by ``strategy``."""

    def __init__(self, scenario: Scenario, person: int, strategy: str, rounds: int = 20, seed: int = 0) -> None:
        check_options("sao", rounds, None, 1.0, seed)
        if len(scenario.parties) < 2:
            raise ScenarioError("a negotiation needs two or more parties", source=scenario.name)
        if not 0 <= person < len(scenario.parties):
            raise OptionError(f"no party {person}", parameter="party",
                              fix=f"give 0..{len(scenario.parties) - 1}")
        self.scenario = scenario
        if not fits(scenario):  # the table shows utilities from the enumerated columns: refuse as before
            scenario_space(scenario)
        self.prepared = prepare(scenario)
        self.person = person
        self.strategy = strategy
        self.rounds = rounds
        self.players = {k: make(strategy) for k in range(len(scenario.parties)) if k != person}
        self.positions: list[int] = []
        self.proposers: list[int] = []
        seen = views(self.prepared, derived_seeds(seed, len(scenario.parties) + 1), SessionConfig(rounds=rounds),
                     self.positions, self.proposers)
        for k, player in self.players.items():
            player.setup(seen[k])
        self.step = 0
        self.standing = -1
        self.standing_by: int | None = None
        self.accepted = 0
        self.moves: list[dict] = []
        self.ended_by: str | None = None
        self.agreement: int | None = None
        self._advance()

    @property
    def n_parties(self) -> int:
        return len(self.scenario.parties)

    @property
    def names(self) -> tuple[str, ...]:
        return self.scenario.party_names

    def _record(self, party: int, action: str, position: int | None) -> None:
        move = {"round": self.step // self.n_parties, "party": self.names[party], "action": action}
        if position is not None and action == "offer":
            move["offer"] = self.outcome(position)
        self.moves.append(move)

    def outcome(self, position: int) -> dict[str, object]:
        return {k: (v.item() if hasattr(v, "item") else v) for k, v in self.prepared.space.outcome(position).items()}

    def _table(self, party: int, position: int) -> None:
        self.standing, self.standing_by, self.accepted = position, party, 0
        self.positions.append(position)
        self.proposers.append(party)
        self._record(party, "offer", position)
        self.step += 1

    def _accept(self, party: int) -> None:
        self.accepted += 1
        self._record(party, "accept", None)
        self.step += 1
        if self.accepted == self.n_parties - 1:
            self.ended_by, self.agreement = "agreement", self.standing

    def _past_deadline(self) -> bool:
        if self.ended_by is None and self.step >= self.rounds * self.n_parties:
            self.ended_by = "deadline"
        return self.ended_by is not None

    def _advance(self) -> None:
        """Let the strategies play until it is the person's turn or the session ends."""
        while not self._past_deadline() and self.step % self.n_parties != self.person:
            party = self.step % self.n_parties
            player = self.players[party]
            state = State(self.step, self.step // self.n_parties, self.step / (self.rounds * self.n_parties),
                          len(self.positions))
            try:
                if self.standing >= 0:
                    answer = player.respond(state, self.standing)
                    if answer is True:
                        self._accept(party)
                        continue
                    if answer is END:
                        self._record(party, "withdraw", None)
                        self.ended_by = "end"
                        return
                offer = as_position(player.propose(state), self.prepared.n_outcomes)
            except Exception:  # noqa: BLE001 - a faulty strategy ends the session, as in a simulation
                offer = None
            if offer is None:
                self._record(party, "withdraw", None)
                self.ended_by = "error"
                return
            self._table(party, offer)

    def _check_turn(self) -> None:
        if self._past_deadline():
            raise OptionError(f"the session has ended ({self.ended_by})", parameter="action", fix="start a new session")

    def position_of(self, offer: dict) -> int:
        """The position of a complete package; an ``OptionError`` naming what is wrong otherwise."""
        try:
            return self.prepared.space.position_of(offer)
        except (ValueError, KeyError) as error:
            raise OptionError(f"not a package of the scenario: {error}", parameter="offer",
                              fix="choose one value for every issue (the constraints rule some combinations out)"
                              ) from None

    def offer(self, offer: dict) -> None:
        """The person tables a complete package."""
        self._check_turn()
        self._table(self.person, self.position_of(offer))
        self._advance()

    def accept(self) -> None:
        """The person accepts the standing offer."""
        self._check_turn()
        if self.standing < 0 or self.standing_by == self.person:
            raise OptionError("no offer of another party to accept", parameter="action", fix="make an offer instead")
        self._accept(self.person)
        self._advance()

    def walk_away(self) -> None:
        self._check_turn()
        self._record(self.person, "withdraw", None)
        self.ended_by = "end"

    def own_utility(self, offer: dict) -> float:
        """The person's utility of a complete package (what the page shows while composing)."""
        return round(float(self.prepared.columns[self.person].utility[self.position_of(offer)]), 10)

    def record_data(self) -> dict:
        """The session as a record (``accord-record: 1``)."""
        return {"accord-record": FORMAT_VERSION, "scenario": self.scenario.name,
                "title": f"{self.names[self.person]} played by a person against {self.strategy}",
                "moves": list(self.moves)}

    def to_json(self) -> dict:
        """What the person may see: the moves with their own utility, the standing offer, whose turn it is."""
        utility = self.prepared.columns[self.person].utility
        moves = [{**m, "your_utility": (round(float(utility[self.position_of(m["offer"])]), 10)
                                        if "offer" in m else None)} for m in self.moves]
        return {
            "scenario": self.scenario.name, "you": self.names[self.person], "strategy": self.strategy,
            "round": self.step // self.n_parties, "rounds": self.rounds, "ended_by": self.ended_by,
            "your_turn": self.ended_by is None, "reservation": self.scenario.parties[self.person].reservation,
            "standing": None if self.standing < 0 else {"party": self.names[self.standing_by],
                                                        "offer": self.outcome(self.standing),
                                                        "your_utility": round(float(utility[self.standing]), 10)},
            "agreement": None if self.agreement is None else self.outcome(self.agreement),
            "moves": moves,
        }
