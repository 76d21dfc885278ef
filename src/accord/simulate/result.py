"""The result of one session: plain data, picklable, with its trace and exports to JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field

import numpy as np

from accord.protocols.common import MEDIATOR, Fault


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True, eq=False)
class SessionResult:
    """How one session ended, and its trace.

    ``utilities`` are what each party got: its (discounted) utility of the agreement, or its reservation value
    on a breakdown. ``ended_by`` is ``agreement``, ``deadline``, ``timeout``, ``end`` (a party walked away) or
    ``error`` (``fault`` names the party and what went wrong). Distances are Euclidean in utility space from
    ``utilities`` to the nearest Pareto-frontier point and to the Nash point. ``rounds`` counts the rounds
    (turns of every party) started. ``trace_truncated``: the session had more trace rows than it keeps
    (:data:`~accord.protocols.common.MAX_TRACE_ROWS`); the trace holds the last of them.
    """

    scenario: str
    protocol: str
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    seed: int
    agreement: bool
    position: int | None
    outcome: dict | None
    utilities: tuple[float, ...]
    rounds: int
    steps: int
    time: float
    ended_by: str
    fault: Fault | None
    pareto_distance: float
    nash_distance: float
    nash_utilities: tuple[float, ...] | None
    elapsed: float = field(default=0.0, compare=False)
    issue_names: tuple[str, ...] = field(default=(), repr=False)
    issue_values: tuple[tuple, ...] = field(default=(), repr=False)
    trace_rows: tuple[tuple, ...] = field(default=(), repr=False)
    trace_values: np.ndarray | None = field(default=None, repr=False)
    trace_utilities: np.ndarray | None = field(default=None, repr=False)
    has_constituencies: bool = False
    rejected_by: tuple[str, ...] = ()
    trace_truncated: bool = False

    @property
    def ratified(self) -> bool | None:
        """Whether every constituency ratifies the agreement (``None``: no agreement or no constituencies)."""
        if not self.agreement or not self.has_constituencies:
            return None
        return not self.rejected_by

    @property
    def breakdown_by(self) -> str | None:
        """The party whose fault or walk-out ended the session, if any."""
        if self.fault is not None:
            return self.parties[self.fault.party]
        if self.ended_by == "end" and self.trace_rows:
            return self._who(self.trace_rows[-1][1])
        return None

    def _who(self, party: int) -> str:
        return "mediator" if party == MEDIATOR else self.parties[party]

    def _outcome(self, row: int) -> dict | None:
        if self.trace_rows[row][3] < 0:
            return None
        values = self.trace_values[row]
        return {name: _plain(options[int(i)]) for name, options, i in zip(self.issue_names, self.issue_values, values)}

    @property
    def trace(self) -> list[dict]:
        """One plain row per action: round, party, action, offer (``{issue: value}`` or ``None``), time and
        every party's (undiscounted) utility of the offer (empty when there is none)."""
        rows = []
        for k, (rnd, party, action, position, time) in enumerate(self.trace_rows):
            utilities = self.trace_utilities[k].tolist() if position >= 0 else []
            rows.append({"round": rnd, "party": self._who(party), "action": action, "offer": self._outcome(k),
                         "position": position if position >= 0 else None, "time": round(time, 12),
                         "utilities": utilities})
        return rows

    def to_json(self, trace: bool = True) -> dict:
        """A JSON-ready document (the trace included unless ``trace=False``)."""
        def number(x: float) -> float | None:
            return None if x is None or math.isnan(x) else float(x)

        document = {
            "scenario": self.scenario,
            "protocol": self.protocol,
            "parties": list(self.parties),
            "strategies": list(self.strategies),
            "seed": self.seed,
            "agreement": self.agreement,
            "outcome": {k: _plain(v) for k, v in self.outcome.items()} if self.outcome is not None else None,
            "position": self.position,
            "utilities": [float(u) for u in self.utilities],
            "rounds": self.rounds,
            "steps": self.steps,
            "time": round(self.time, 12),
            "ended_by": self.ended_by,
            "breakdown_by": self.breakdown_by,
            "fault": self.fault.to_json() if self.fault else None,
            "pareto_distance": number(self.pareto_distance),
            "nash_distance": number(self.nash_distance),
            "nash_utilities": list(self.nash_utilities) if self.nash_utilities is not None else None,
            "ratified": self.ratified,
            "rejected_by": list(self.rejected_by),
            "trace_truncated": self.trace_truncated,
        }
        if trace:
            document["trace"] = self.trace
        return document

    def trace_json(self) -> str:
        """The trace as JSON text (byte-identical for the same seed and a rounds-only deadline)."""
        return json.dumps(self.trace, ensure_ascii=False, allow_nan=False)

    def trace_csv(self) -> str:
        """The trace as CSV text: round, party, action, time, one column per issue, one utility column per
        party."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["round", "party", "action", "time", *self.issue_names, *(f"u_{p}" for p in self.parties)])
        for row in self.trace:
            offer = row["offer"] or {}
            utilities = row["utilities"] or [""] * len(self.parties)
            writer.writerow([row["round"], row["party"], row["action"], row["time"],
                             *(offer.get(name, "") for name in self.issue_names), *utilities])
        return buffer.getvalue()
