"""Writing GeniusWeb JSON scenarios: a domain file and one ``LinearAdditiveUtilitySpace`` profile per party,
read back by :mod:`accord.io.geniusweb.read` to the same utilities; what GeniusWeb cannot express is reported."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np

from accord.errors import ScenarioError
from accord.io.files import write_atomic
from accord.io.foreign import file_stem, unique_stem, unsupported_losses
from accord.io.geniusweb.read import PROFILE_KEY, number_utility
from accord.model import Issue, LinearAdditive, Party, Scenario


def _alnum(text: str, fallback: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9]+", "", text)
    return cleaned or fallback


def _json_number(value: float | int | Decimal):
    if isinstance(value, Decimal):
        value = float(value)
    value = float(value)
    return int(value) if value == int(value) and abs(value) < 1e15 else value


def _as_decimal(value: float) -> Decimal:
    return Decimal(repr(float(value))) if not float(value).is_integer() else Decimal(int(value))


def _number_range(issue: Issue) -> tuple[Decimal, Decimal, Decimal, list[Decimal]] | None:
    """``(low, high, step, points)`` when the numeric issue's values are an even grid GeniusWeb can write."""
    if issue.kind == "integer":
        low, high = Decimal(int(issue.low)), Decimal(int(issue.high))
        return low, high, Decimal(1), [low + k for k in range(issue.size)]
    if issue.size < 2:
        return None
    low = _as_decimal(issue.values[0])
    high = _as_decimal(issue.values[-1])
    step = _as_decimal(float((high - low) / (issue.size - 1)))
    if step <= 0:
        return None
    count = int((high - low) / step) + 1
    points = [low + k * step for k in range(count)]
    if count != issue.size or any(abs(float(p) - v) > 1e-12 * max(1.0, abs(v)) for p, v in zip(points, issue.values)):
        return None
    return low, high, step, points


def _number_utilities(table: np.ndarray, points: list[Decimal]):
    """NumberValueSetUtilities fields reproducing ``table`` on ``points`` (to 1e-12), or ``None``."""
    low_u, high_u = _as_decimal(float(table[0])), _as_decimal(float(table[-1]))
    if not (0 <= low_u <= 1 and 0 <= high_u <= 1):
        return None
    for x, target in zip(points, table):
        if abs(float(number_utility(x, points[0], low_u, points[-1], high_u)) - float(target)) > 1e-12:
            return None
    return low_u, high_u


def write_geniusweb(scenario: Scenario, folder: Path) -> list[str]:
    """Write ``scenario`` as GeniusWeb JSON into ``folder``: ``<scenario>.json`` (the domain) and one
    ``<party>.json`` profile per party. Return what GeniusWeb cannot express (empty when nothing is lost)."""
    folder = Path(folder)
    additive = [p for p in scenario.parties if isinstance(p.utility, LinearAdditive)]
    if not additive:  # a domain alone: no profile to read back
        raise ScenarioError("no party has a linear-additive utility, and GeniusWeb has no form for constraint-based "
                            "(hyperRectangle) ones", source=scenario.name,
                            fix="convert to genius (GENIUS 2014 XML keeps hyperRectangles) or to accord")
    folder.mkdir(parents=True, exist_ok=True)
    losses: list[str] = []
    tables = {p.name: [np.asarray(t, dtype=float) for t in _unweighted(p.utility, scenario.issues)] for p in additive}
    forms: list[tuple | None] = []  # per issue: None (discrete) or (low, high, step, points, {party: (lowU, highU)})
    for position, issue in enumerate(scenario.issues):
        forms.append(_issue_form(position, issue, additive, tables, losses, scenario.notes))
    domain_name = _alnum(scenario.name, "domain")
    domain = {"name": domain_name, "issuesValues": {}}
    for issue, form in zip(scenario.issues, forms):
        if form is None:
            domain["issuesValues"][issue.name] = {"values": _labels(issue)}
        else:
            low, high, step, _, _ = form
            domain["issuesValues"][issue.name] = {"range": {"low": _json_number(low), "high": _json_number(high),
                                                            "step": _json_number(step)}}
    base = file_stem(scenario.name)
    _write_json(domain, folder / f"{base}.json")
    used = {base.lower()}
    for party in scenario.parties:
        if not isinstance(party.utility, LinearAdditive):
            losses.append(f"party '{party.name}': its constraint-based (hyperRectangle) utility has no GeniusWeb "
                          "form; no profile was written for it")
            continue
        profile = _profile(scenario, party, forms, tables[party.name], domain, losses)
        _write_json(profile, folder / f"{unique_stem(file_stem(party.name), used)}.json")
    losses += unsupported_losses(scenario, "GeniusWeb")
    for party in scenario.parties:
        if party.discount is not None and party.discount != 1:
            losses.append(f"party '{party.name}': discount factor {party.discount:g} dropped (GeniusWeb profiles have "
                          "no discount)")
    return losses


def _unweighted(utility: LinearAdditive, issues: tuple[Issue, ...]) -> list[np.ndarray]:
    return [f.evaluate(issue) for f, issue in zip(utility.functions, issues)]


def _labels(issue: Issue) -> list[str]:
    if issue.kind == "categorical":
        return [str(v) for v in issue.values]
    return [str(_json_number(v)) for v in issue.values]


def _issue_form(position: int, issue: Issue, additive: list[Party], tables: dict, losses: list[str],
                scenario_notes: tuple[str, ...] = ()):
    if issue.kind == "categorical":
        return None
    spec = _number_range(issue)
    why = None
    fields = {}
    if spec is None:
        why = "its values are not an even grid"
    else:
        for party in additive:
            found = _number_utilities(tables[party.name][position], spec[3])
            if found is None:
                why = f"party '{party.name}''s utilities on it are not linear in the value"
                break
            fields[party.name] = found
    if why is not None:
        losses.append(f"issue '{issue.name}' ({issue.kind}) written as a discrete value set with values "
                      f"{_labels(issue)[:6]}{'...' if issue.size > 6 else ''} because {why}; read back, it is a "
                      "categorical issue")
        return None
    # A real issue read from a GeniusWeb number range (the reader notes it) is already discrete: nothing lost.
    if issue.kind == "real" and not any(note.startswith(f"number issue '{issue.name}' range")
                                        for note in scenario_notes):
        losses.append(f"issue '{issue.name}': the interval [{issue.low:g}, {issue.high:g}] is written as its "
                      f"{issue.size} grid points (GeniusWeb number ranges are discrete)")
    return (*spec, fields)


def _weights(party: Party, losses: list[str]) -> list[Decimal]:
    """Weights as decimals summing to exactly 1 (GeniusWeb's rule); renormalised, and said so, when needed."""
    weights = [float(w) for w in party.utility.weights]
    written = [_as_decimal(w) for w in weights]
    if sum(written, Decimal(0)) == 1:
        return written
    total = sum(weights)
    if total <= 0:
        losses.append(f"party '{party.name}': all weights are 0; written as equal weights (every utility changes)")
        weights, total = [1.0] * len(weights), float(len(weights))
    scaled = [Decimal(repr(w / total)).quantize(Decimal("1e-15"), rounding=ROUND_HALF_UP) for w in weights]
    largest = max(range(len(scaled)), key=lambda k: scaled[k])
    scaled[largest] += Decimal(1) - sum(scaled, Decimal(0))
    if abs(total - 1.0) > 1e-12 and sum(party.utility.weights) > 0:
        losses.append(f"party '{party.name}': weights summed to {total!r}, not exactly 1; renormalised (each divided "
                      f"by the sum) because GeniusWeb requires exactly 1, so every utility is divided by {total!r}")
    return scaled


def _profile(scenario: Scenario, party: Party, forms: list, tables: list[np.ndarray], domain: dict,
             losses: list[str]) -> dict:
    weights = _weights(party, losses)
    issue_utilities: dict[str, Any] = {}
    for position, (issue, form) in enumerate(zip(scenario.issues, forms)):
        table = tables[position]
        if form is None:
            clipped = np.clip(table, 0.0, 1.0)
            if np.any(clipped != table):
                losses.append(f"party '{party.name}', issue '{issue.name}': utilities outside [0, 1] clipped")
            issue_utilities[issue.name] = {"DiscreteValueSetUtilities": {"valueUtilities": {
                label: _json_number(v) for label, v in zip(_labels(issue), clipped)}}}
        else:
            low, high, _, _, fields = form
            low_u, high_u = fields[party.name]
            issue_utilities[issue.name] = {"NumberValueSetUtilities": {
                "lowValue": _json_number(low), "lowUtility": _json_number(low_u),
                "highValue": _json_number(high), "highUtility": _json_number(high_u)}}
    body: dict[str, Any] = {
        "issueUtilities": issue_utilities,
        "issueWeights": {issue.name: _json_number(w) for issue, w in zip(scenario.issues, weights)},
        "domain": domain,
        "name": _alnum(party.name, "profile"),
        "reservationBid": _reservation_bid(scenario, party, forms, losses),
    }
    return {PROFILE_KEY: body}


def _bid_value(issue: Issue, value, form):
    if form is None:
        return _labels(issue)[issue.index_of(value)]
    return _json_number(issue.values[issue.index_of(value)])


def _reservation_bid(scenario: Scenario, party: Party, forms: list, losses: list[str]):
    if party.reservation_outcome is not None:
        by_name = {issue.name: (issue, form) for issue, form in zip(scenario.issues, forms)}
        return {"issuevalues": {name: _bid_value(by_name[name][0], value, by_name[name][1])
                                for name, value in party.reservation_outcome}}
    if party.reservation <= 0:
        return None
    if scenario.cartesian_size > 10**6:
        losses.append(f"party '{party.name}': reservation value {party.reservation:g} dropped (GeniusWeb only has a "
                      "reservation bid, and the outcome space is too large to choose one)")
        return None
    from accord.space import OutcomeSpace, utility_column

    space = OutcomeSpace(scenario.issues)
    column = np.round(utility_column(party.utility, space), 10)
    acceptable = np.flatnonzero(column >= round(party.reservation, 10))
    if acceptable.size == 0:
        losses.append(f"party '{party.name}': reservation value {party.reservation:g} is above every outcome; "
                      "GeniusWeb has no reservation value, so none was written (any deal now beats no deal)")
        return None
    position = int(acceptable[np.argmin(column[acceptable])])
    outcome = space.outcome(position)
    losses.append(f"party '{party.name}': GeniusWeb has no reservation value; reservation {party.reservation:g} "
                  f"written as the reservation bid {outcome} (utility {column[position]:.10g}), the least-valued "
                  "outcome at or above it: the same outcomes stay acceptable")
    return {"issuevalues": {issue.name: _bid_value(issue, outcome[issue.name], form)
                            for issue, form in zip(scenario.issues, forms)}}


def _write_json(data: dict, path: Path) -> None:
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
