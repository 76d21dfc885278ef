"""Shared fixtures: the bundled EU10 data and the published data sets kept as test data (tests/data/forecast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.forecast import Stakeholders, load_stakeholders

SHARED = Path(__file__).resolve().parents[1] / "data" / "forecast"

HONDURAS_NICARAGUA = """Stakeholder,Resources,Position,Salience
Nicaragua,0.0001958,1,1
Honduras,0.0001515,0,1
Costa Rica,0.0001189,0.5,0.3
United States,0.2550486,0.5,0.1
Dominican Republic,0.0005362,0.5,0.3
"""


def eu10_sources() -> list[str]:
    """The bundled EU10 copy and the published original (test data)."""
    return ["eu10-car-emissions", str(SHARED / "eu10-car-emissions.csv")]


@pytest.fixture(params=eu10_sources())
def eu10(request) -> Stakeholders:
    (issue,) = load_stakeholders(request.param)
    return issue
