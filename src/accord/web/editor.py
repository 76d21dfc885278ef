"""The what-if editor's tables on the scenario page, built from the scenario's Accord document.

Every utility in the scenario has an *owner*: a party or one of its domestic constituencies. Each owner is a
column of the issue tables (weight, option values, or a numeric value function's parameters); constraint-based
(rectangle) utilities get a table of their own. The page edits the same document and posts it back, so what is
shown here is read from the document, never from the model objects.
"""

from __future__ import annotations

from typing import Any

import accord
from accord.reports.plot_data import label_of

OPEN_RECTANGLES = 20


def owners(document: dict) -> list[dict]:
    """Every utility's owner, parties first and each followed by its constituencies."""
    found = []
    for p, party in enumerate(document["parties"]):
        found.append({"party": p, "constituency": None, "name": party["name"], "label": party["name"],
                      "utility": party["utility"]})
        for c, constituency in enumerate(party.get("constituencies", [])):
            found.append({"party": p, "constituency": c, "name": constituency["name"],
                          "label": f"{constituency['name']} ({party['name']})", "utility": constituency["utility"],
                          "threshold": constituency["threshold"],
                          "description": constituency.get("description", "")})
    return found


def _number(x: float) -> float:
    return round(float(x), 6)


def function_cell(function: dict[str, Any], issue: accord.Issue) -> dict:
    """How one value function is edited: a table of option values, or the parameters of a numeric function."""
    if "linear" in function:
        linear = function["linear"]
        origin = issue.low if linear.get("origin") is None else linear["origin"]
        ends = [("low", issue.low)] if issue.low == issue.high else [("low", issue.low), ("high", issue.high)]
        return {"kind": "linear", "ends": [
            {"end": end, "x": x, "value": _number(linear["offset"] + linear["slope"] * (x - origin))}
            for end, x in ends]}
    if "triangular" in function:
        return {"kind": "triangular", "points": {k: function["triangular"][k] for k in ("low", "top", "high")}}
    if "constant" in function:
        return {"kind": "constant", "value": function["constant"]}
    return {"kind": "table", "values": function}


def issue_rows(scenario: accord.Scenario, document: dict) -> list[dict]:
    """Per issue: its options (with labels) and, per owner, the weight and how its value function is edited."""
    columns = owners(document)
    rows = []
    for issue in scenario.issues:
        cells = []
        for owner in columns:
            utility = owner["utility"]
            if "weights" not in utility:
                cells.append({"kind": "nonlinear"})
                continue
            cell = function_cell(utility["values"][issue.name], issue)
            cells.append({**cell, "weight": utility["weights"][issue.name]})
        if issue.kind == "categorical":
            options = [{"value": v, "label": label_of(issue, v)} for v in issue.values]
            shown = ""
        elif issue.kind == "integer":
            options, shown = [], f"integers {issue.low}…{issue.high}"
        else:
            options, shown = [], f"{issue.low:g}…{issue.high:g} on a {issue.grid}-point grid"
        rows.append({"name": issue.name, "options": options, "shown": shown, "cells": cells,
                     "functions": any(c["kind"] not in ("table", "nonlinear") for c in cells)})
    return rows


def rectangle_tables(document: dict) -> list[dict]:
    """Per owner with a constraint-based utility: its normalizer and rectangles (utility and ranges)."""
    tables = []
    for owner in owners(document):
        utility = owner["utility"]
        if "rectangles" not in utility:
            continue
        rectangles = [{"utility": r["utility"],
                       "where": ", ".join(f"{name} {low:g}…{high:g}" for name, (low, high) in r["where"].items())}
                      for r in utility["rectangles"]]
        tables.append({"owner": owner, "normalizer": utility["normalizer"], "rectangles": rectangles,
                       "open": len(rectangles) <= OPEN_RECTANGLES})
    return tables


def editor(scenario: accord.Scenario, document: dict) -> dict:
    """Everything the scenario page's editor shows."""
    columns = owners(document)
    return {"owners": columns, "issues": issue_rows(scenario, document), "rectangles": rectangle_tables(document),
            "constituencies": [o for o in columns if o["constituency"] is not None]}
