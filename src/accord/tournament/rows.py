"""One finished session of a tournament as one row: what workers return, the store keeps and the exports write."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields

import numpy as np

from accord.simulate.prepare import Prepared
from accord.simulate.result import SessionResult
from accord.tournament.plan import Task


@dataclass(frozen=True, slots=True)
class SessionRow:
    """The result of one planned session (``strategies`` and ``utilities`` one per party; a fault names the
    party, its strategy, the kind and a message). The field order is the store's column order."""

    idx: int
    key: str
    scenario: str
    repetition: int
    seed: int
    strategies: tuple[str, ...]
    utilities: tuple[float, ...]
    agreement: int
    position: int | None
    rounds: int
    steps: int
    time: float
    ended_by: str
    fault_party: int | None
    fault_strategy: str | None
    fault_kind: str | None
    fault_message: str | None
    welfare: float
    pareto_distance: float | None
    nash_distance: float | None
    elapsed: float

    def to_json(self) -> dict:
        """The row as one JSON object, ``strategies`` and ``utilities`` as lists: what ``Store.rows()`` returns
        and the sessions export writes."""
        return {name: list(value) if name in _JSON_LISTS else value
                for name, value in zip(COLUMNS, (getattr(self, name) for name in COLUMNS))}

    def sql_values(self) -> tuple:
        """The row's values in column order, ``strategies`` and ``utilities`` as JSON lists, a position beyond
        SQLite's 64-bit integers (a space too large to enumerate) as text ending in ``n`` (the store's form)."""
        return tuple(json.dumps(list(value), allow_nan=False) if name in _JSON_LISTS
                     else _big_position(value) if name == "position" else value
                     for name, value in zip(COLUMNS, (getattr(self, name) for name in COLUMNS)))


    @classmethod
    def from_sql(cls, values: tuple) -> "SessionRow":
        """A row from the store's column values (the inverse of :meth:`sql_values`)."""
        return cls(*(tuple(json.loads(value)) if name in _JSON_LISTS
                     else position_from_sql(value) if name == "position" else value
                     for name, value in zip(COLUMNS, values)))


COLUMNS = tuple(f.name for f in fields(SessionRow))
"""The fields of one session row, in order: the store's columns and the sessions export's."""

_JSON_LISTS = ("strategies", "utilities")
_INT64 = 2**63 - 1


def _big_position(position: int | None) -> int | str | None:
    """A position as SQLite stores it: an integer, or text ``"…n"`` beyond 64 bits (never converted to REAL)."""
    return f"{position}n" if position is not None and position > _INT64 else position


def position_from_sql(value: int | str | None) -> int | None:
    """A stored position (the inverse of ``_big_position``: text ``"…n"`` back to an int)."""
    return int(value[:-1]) if isinstance(value, str) else value


def _number(x: float | None) -> float | None:
    return None if x is None or math.isnan(x) else float(x)


def _fault_fields(labels: list[str], party: int | None, kind: str | None, message: str | None) -> dict:
    strategy = labels[party] if party is not None and 0 <= party < len(labels) else None
    return {"fault_party": party, "fault_strategy": strategy, "fault_kind": kind, "fault_message": message}


def _task_fields(task: Task, labels: list[str]) -> dict:
    return {"idx": task.index, "key": task.key, "repetition": task.repetition, "seed": task.seed,
            "strategies": tuple(labels)}


def finished_row(task: Task, labels: list[str], result: SessionResult) -> SessionRow:
    """The row of a session that ran to its end (an agreement, the deadline, a walk-away or a strategy's fault)."""
    fault = result.fault
    utilities = tuple(float(u) for u in result.utilities)
    faulted = (_fault_fields(labels, fault.party, fault.kind, fault.message) if fault
               else _fault_fields(labels, None, None, None))
    return SessionRow(**_task_fields(task, labels), scenario=result.scenario, utilities=utilities,
                      agreement=int(result.agreement), position=result.position, rounds=result.rounds,
                      steps=result.steps, time=float(result.time), ended_by=result.ended_by, **faulted,
                      welfare=float(sum(utilities)), pareto_distance=_number(result.pareto_distance),
                      nash_distance=_number(result.nash_distance), elapsed=float(result.elapsed))


def lost_row(task: Task, labels: list[str], prepared: Prepared, party: int | None, kind: str, message: str,
             elapsed: float = 0.0) -> SessionRow:
    """The row of a session that never finished: no agreement, everyone gets its reservation value."""
    got = np.asarray(prepared.reservations, dtype=float)
    frontier = prepared.frontier
    pareto = float(np.sqrt(((frontier - got) ** 2).sum(axis=1)).min()) if len(frontier) else None
    nash = (float(np.sqrt(((np.asarray(prepared.nash_point) - got) ** 2).sum()))
            if prepared.nash_point is not None else None)
    utilities = tuple(float(u) for u in got)
    return SessionRow(**_task_fields(task, labels), scenario=prepared.scenario.name, utilities=utilities,
                      agreement=0, position=None, rounds=0, steps=0, time=0.0, ended_by="error",
                      **_fault_fields(labels, party, kind, message), welfare=float(sum(utilities)),
                      pareto_distance=pareto, nash_distance=nash, elapsed=float(elapsed))
