"""Shared fixtures: the bundled EU10 data (always present) and the shared data folder (present beside the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.forecast import Stakeholders, load_stakeholders

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "forecast"

HONDURAS_NICARAGUA = """Stakeholder,Resources,Position,Salience
Nicaragua,0.0001958,1,1
Honduras,0.0001515,0,1
Costa Rica,0.0001189,0.5,0.3
United States,0.2550486,0.5,0.1
Dominican Republic,0.0005362,0.5,0.3
"""


def eu10_sources() -> list[str]:
    """The bundled EU10 copy, plus the shared original when it is beside the repository."""
    sources = ["eu10-car-emissions"]
    shared = SHARED / "eu10-car-emissions.csv"
    if shared.is_file():
        sources.append(str(shared))
    return sources


@pytest.fixture(params=eu10_sources())
def eu10(request) -> Stakeholders:
    (issue,) = load_stakeholders(request.param)
    return issue
