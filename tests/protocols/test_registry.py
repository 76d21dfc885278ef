"""The declared protocols: lookup by name, and run_session reading each record (no name tests)."""

from __future__ import annotations

import pytest

from accord.errors import OptionError, ScenarioError
from accord.protocols import PROTOCOLS, Protocol, protocol_named, protocol_names
from accord.simulate import run_session
from tests.simulate.scenarios import line


def test_names_in_declaration_order():
    assert protocol_names() == tuple(p.name for p in PROTOCOLS) == ("sao", "zeuthen", "single-text")
    assert all(protocol_named(name).name == name for name in protocol_names())


def test_unknown_protocol_lists_the_declared_ones():
    with pytest.raises(OptionError, match="unknown protocol 'nope'; choose from sao, zeuthen, single-text"):
        protocol_named("nope")


def test_needs_strategies_follows_plays():
    assert [p.needs_strategies for p in PROTOCOLS] == [p.plays is None for p in PROTOCOLS]
    assert protocol_named("zeuthen").to_json()["plays"] == "zeuthen"


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.name)
def test_run_session_runs_every_declared_protocol(protocol):
    strategies = ["linear", "conceder"] if protocol.needs_strategies else None
    result = run_session(line(), strategies, protocol=protocol.name, rounds=30)
    assert result.protocol == protocol.name and result.fault is None
    assert result.strategies == (("linear", "conceder") if protocol.needs_strategies else (protocol.plays,) * 2)


def test_a_self_playing_protocol_refuses_other_strategies():
    with pytest.raises(OptionError, match="plays the zeuthen strategy"):
        run_session(line(), ["linear", "conceder"], protocol="zeuthen")
    assert run_session(line(), ["zeuthen", "zeuthen"], protocol="zeuthen").agreement


def test_min_parties_is_read_from_the_record(monkeypatch):
    import accord.protocols.registry as registry

    strict = tuple(Protocol(p.name, p.run, p.description, p.plays, min_parties=3) for p in PROTOCOLS)
    monkeypatch.setattr(registry, "PROTOCOLS", strict)
    with pytest.raises(ScenarioError, match="needs 3 or more"):
        run_session(line(), ["linear", "conceder"], protocol="sao")
