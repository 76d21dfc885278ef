"""A small GeniusWeb domain and profile (a discrete, an integer and a real number issue) written to files,
shared by the reader and writer tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from accord.model import Scenario


def utility_of(scenario: Scenario, party: int, outcome: dict) -> float:
    row = np.array([[issue.index_of(outcome[issue.name]) for issue in scenario.issues]])
    return float(scenario.parties[party].utility.evaluate(scenario.issues, row)[0])


def dump(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


DOMAIN = {"name": "trip", "issuesValues": {
    "place": {"values": ["beach", "city", "hills"]},
    "days": {"range": {"low": 2, "high": 5, "step": 1}},
    "budget": {"range": [0.5, 1.5, 0.25]},
}}


def profile(**changes) -> dict:
    body = {
        "issueUtilities": {
            "place": {"DiscreteValueSetUtilities": {"valueUtilities": {"beach": 1, "city": 0.25, "hills": 0}}},
            "days": {"NumberValueSetUtilities": {"lowValue": 2, "lowUtility": 0, "highValue": 5, "highUtility": 1}},
            "budget": {"NumberValueSetUtilities": {"lowValue": 0.5, "lowUtility": 1, "highValue": 1.5,
                                                   "highUtility": 0.1}},
        },
        "issueWeights": {"place": 0.5, "days": 0.3, "budget": 0.2},
        "domain": DOMAIN,
        "name": "alice",
        "reservationBid": {"issuevalues": {"place": "city", "days": 3, "budget": 1.0}},
    }
    body.update(changes)
    return {"LinearAdditiveUtilitySpace": body}


def trip(tmp_path: Path, **changes) -> list[Path]:
    return [dump(tmp_path, "trip.json", DOMAIN), dump(tmp_path, "alice.json", profile(**changes))]
