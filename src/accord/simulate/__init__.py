"""Simulate negotiations: prepare a scenario once, run sessions under a protocol, get results with traces."""

from accord.simulate.prepare import Prepared, prepare
from accord.simulate.result import SessionResult
from accord.simulate.seeds import derived_seeds
from accord.simulate.session import run_session

__all__ = ["Prepared", "SessionResult", "derived_seeds", "prepare", "run_session"]
