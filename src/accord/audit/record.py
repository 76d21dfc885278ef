"""A negotiation record: the moves of a real or simulated negotiation, checked against a scenario.

A record (``accord-record: 1``) lists moves in time order. Each move has a date (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``) or a round, a party, an action (``offer``, ``accept``, ``reject``, ``withdraw``), an offer that
may leave issues open, a source and an optional note. Every problem found is reported at once, located as
``moves[3].offer.habomai``.

What is on the table: each party's latest offer, until it withdraws. ``accept`` and ``reject`` answer the latest
offer another party made; when they repeat an offer, it must be one another party has on the table. A party
named ``mediator`` (when no party of the scenario is called so) may table offers, like a single-text mediator.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from accord.errors import ScenarioError
from accord.model import Scenario

FORMAT_VERSION = 1
ACTIONS = ("offer", "accept", "reject", "withdraw")
MEDIATOR = "mediator"
MOVE_KEYS = ("date", "round", "party", "action", "offer", "source", "note")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Move:
    """One move. ``offer`` holds value indices per issue position (the issues it leaves open are absent);
    for ``accept``/``reject`` it is the offer on the table, for ``withdraw`` it is empty."""

    index: int
    party: str
    action: str
    offer: tuple[tuple[int, int], ...]
    date: str | None = None
    round: int | None = None
    source: str = ""
    note: str = ""
    answers: int | None = None
    """For ``accept``/``reject``: the index of the offer move answered."""

    def is_complete(self, n_issues: int) -> bool:
        return len(self.offer) == n_issues


@dataclass(frozen=True)
class Record:
    """The checked moves of one negotiation over ``scenario``."""

    scenario: Scenario
    moves: tuple[Move, ...]
    source: str = ""
    title: str = ""

    def offer_dict(self, move: Move) -> dict[str, object]:
        """The move's offer as ``{issue: value}`` in the scenario's issue order."""
        issues = self.scenario.issues
        return {issues[i].name: _plain(issues[i].values[v]) for i, v in move.offer}


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def _date_key(value: object) -> tuple[str | None, tuple[int, int, int] | None]:
    """The date as text and as a sortable key (missing month or day count as 0), or ``(text, None)``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat(), (value.year, value.month, value.day)
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        return text, None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if month > 12 or day > 31:
        return text, None
    return text, (year, month, day)


class _Checker:
    """Collects every problem of one record; ``fail`` raises them together."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[ScenarioError] = []

    def add(self, message: str, where: str = "", fix: str = "") -> None:
        self.errors.append(ScenarioError(message, source=self.source, where=where, fix=fix))

    def fail(self) -> None:
        if self.errors:
            raise ScenarioError.of(self.errors)


def parse_record(data: Any, scenario: Scenario, source: str = "") -> Record:
    """A checked :class:`Record` from parsed YAML/JSON ``data``; a :class:`ScenarioError` carrying every problem
    otherwise."""
    check = _Checker(source)
    if not isinstance(data, dict):
        check.add("a record is a mapping with 'accord-record', 'scenario' and 'moves'",
                  fix="start the file with 'accord-record: 1'")
        check.fail()
    if data.get("accord-record") != FORMAT_VERSION:
        check.add(f"'accord-record' is {data.get('accord-record')!r}", where="accord-record",
                  fix=f"write 'accord-record: {FORMAT_VERSION}'")
    unknown = sorted(set(map(str, data)) - {"accord-record", "scenario", "title", "moves", "notes"})
    for key in unknown:
        check.add(f"unknown key '{key}'", where=key, fix="use accord-record, scenario, title, notes and moves")
    raw_moves = data.get("moves")
    if not isinstance(raw_moves, list) or not raw_moves:
        check.add("no moves", where="moves", fix="list the moves, each with a party and an action")
        check.fail()
    moves = _parse_moves(raw_moves, scenario, check)
    check.fail()
    return Record(scenario, tuple(moves), source, str(data.get("title") or ""))


def _parse_moves(raw_moves: list, scenario: Scenario, check: _Checker) -> list[Move]:
    parties = set(scenario.party_names)
    speakers = parties | ({MEDIATOR} if MEDIATOR not in parties else set())
    moves: list[Move] = []
    table: dict[str, Move] = {}  # each party's standing offer, in the order they were made
    last_date: tuple[tuple[int, int, int], str] | None = None
    last_round: int | None = None
    for k, raw in enumerate(raw_moves):
        where = f"moves[{k}]"
        if not isinstance(raw, dict):
            check.add("a move is a mapping", where=where, fix="give date or round, party, action and offer")
            continue
        for key in sorted(set(map(str, raw)) - set(MOVE_KEYS)):
            check.add(f"unknown key '{key}'", where=f"{where}.{key}", fix=f"use {', '.join(MOVE_KEYS)}")
        party = str(raw.get("party", ""))
        if party not in speakers:
            check.add(f"unknown party '{party}'" if party else "no party", where=f"{where}.party",
                      fix=f"use one of {', '.join(scenario.party_names)}")
        action = str(raw.get("action", "offer"))
        if action not in ACTIONS:
            check.add(f"unknown action '{action}'", where=f"{where}.action", fix=f"use one of {', '.join(ACTIONS)}")
        date, round_ = None, None
        if raw.get("date") is not None:
            date, key = _date_key(raw["date"])
            if key is None:
                check.add(f"'{date}' is not a date", where=f"{where}.date", fix="write YYYY, YYYY-MM or YYYY-MM-DD")
            elif last_date is not None and key < last_date[0]:
                check.add(f"date {date} comes before the previous move's {last_date[1]}", where=f"{where}.date",
                          fix="list the moves in time order")
            else:
                last_date = (key, date)
        elif raw.get("round") is not None:
            try:
                round_ = int(raw["round"])
                if round_ != raw["round"] and str(round_) != str(raw["round"]).strip():
                    raise ValueError
            except (TypeError, ValueError):
                check.add(f"round {raw['round']!r} is not a whole number", where=f"{where}.round", fix="give 0 or more")
            else:
                if round_ < 0:
                    check.add(f"round {round_} is negative", where=f"{where}.round", fix="give 0 or more")
                elif last_round is not None and round_ < last_round:
                    check.add(f"round {round_} comes before the previous move's {last_round}",
                              where=f"{where}.round", fix="list the moves in time order")
                else:
                    last_round = round_
        else:
            check.add("no date or round", where=where, fix="give 'date: YYYY-MM-DD' or 'round: N'")
        offer = _parse_offer(raw.get("offer"), scenario, check, f"{where}.offer")
        raw_offer = raw.get("offer")
        if action == "offer" and isinstance(raw_offer, dict) and all(v is None or v == "" for v in raw_offer.values()):
            check.add("the offer fixes no issue", where=f"{where}.offer", fix="name at least one issue and its value")
        if action == "offer" and raw.get("offer") is None:
            check.add("an offer without 'offer'", where=f"{where}.offer", fix="give the offered values per issue")
        move_offer, answers = tuple(sorted((offer or {}).items())), None
        if action in ("accept", "reject"):
            answered = _answered(table, party, move_offer if offer else None)
            if answered is None:
                if offer and any(m.party != party for m in table.values()):
                    check.add(f"{action}s an offer that is not on the table", where=f"{where}.offer",
                              fix="repeat an offer another party made (or leave 'offer' out)")
                else:
                    check.add(f"{action}s with nothing on the table", where=where,
                              fix="put another party's offer before it (or drop the move)")
            else:
                move_offer, answers = answered.offer, answered.index
        elif action == "withdraw":
            move_offer = ()
        move = Move(k, party, action, move_offer, date, round_, str(raw.get("source") or ""),
                    str(raw.get("note") or ""), answers)
        if action == "offer":
            table[party] = move
        elif action == "withdraw":
            table.pop(party, None)
        moves.append(move)
    return moves


def _answered(table: dict[str, Move], party: str, offer: tuple | None) -> Move | None:
    """The standing offer of another party that an accept or reject answers (the latest, or the one it repeats)."""
    others = [move for name, move in table.items() if name != party]
    if offer is not None:
        others = [move for move in others if move.offer == offer]
    return max(others, key=lambda move: move.index, default=None)


def _parse_offer(raw: Any, scenario: Scenario, check: _Checker, where: str) -> dict[int, int] | None:
    """Value indices per issue position; every unknown issue or value reported."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.add("an offer is a mapping of issue to value", where=where, fix="write {issue: value, ...}")
        return None
    names = scenario.issue_names
    offer: dict[int, int] = {}
    for name, value in raw.items():
        if value is None or value == "":
            continue  # an open issue
        if str(name) not in names:
            check.add(f"unknown issue '{name}'", where=f"{where}.{name}", fix=f"use one of {', '.join(names)}")
            continue
        position = names.index(str(name))
        issue = scenario.issues[position]
        try:
            offer[position] = issue.index_of(value)
        except (ValueError, TypeError):
            shown = ", ".join(map(str, issue.values[:8])) + (", …" if issue.size > 8 else "")
            check.add(f"'{value}' is not an option of '{name}'", where=f"{where}.{name}", fix=f"use one of {shown}")
    return offer
