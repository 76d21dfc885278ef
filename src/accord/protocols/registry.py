"""The declared negotiation protocols: one :class:`Protocol` record each, in the tuple :data:`PROTOCOLS`.

:func:`accord.simulate.run_session` runs a protocol through its record, and the front ends list and validate
protocol names from it; no caller tests a protocol's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.errors import OptionError
from accord.protocols.common import Run
from accord.protocols.sao import run_sao
from accord.protocols.single_text import run_single_text
from accord.protocols.zeuthen import run_zeuthen


@dataclass(frozen=True)
class Protocol:
    """One protocol. ``run(players, prepared, config, positions, proposers, mediator_seed) -> Run`` negotiates
    once with set-up strategies (``positions``/``proposers`` are the offer-history lists their views read).

    ``plays`` names the strategy a complete-information protocol plays for every party itself; such a protocol
    takes no strategies (or that name for each party). ``min_parties`` is the fewest parties it negotiates with.
    """

    name: str
    run: Callable[..., Run]
    description: str
    plays: str | None = None
    min_parties: int = 2
    beyond_enumeration: bool = False
    """Whether it runs on spaces too large to enumerate (it only needs offers as positions)."""

    @property
    def needs_strategies(self) -> bool:
        """Whether each party needs a strategy from the registry."""
        return self.plays is None

    def to_json(self) -> dict:
        return {"name": self.name, "description": self.description, "needs_strategies": self.needs_strategies,
                "plays": self.plays, "min_parties": self.min_parties}


def _sao(players, prepared, config, positions, proposers, mediator_seed) -> Run:
    return run_sao(players, prepared.n_outcomes, config, positions, proposers)


PROTOCOLS: tuple[Protocol, ...] = (
    Protocol("sao", _sao, "stacked alternating offers (the ANAC protocol), two or more parties",
             beyond_enumeration=True),
    Protocol("zeuthen", run_zeuthen, "monotonic concession with the Zeuthen strategy (complete information)",
             plays="zeuthen"),
    Protocol("single-text", run_single_text, "a mediator's single negotiating text, improved while no party vetoes"),
)


def protocol_names() -> tuple[str, ...]:
    """The names of the declared protocols, in declaration order."""
    return tuple(protocol.name for protocol in PROTOCOLS)


def protocol_named(name: str) -> Protocol:
    """The declared protocol called ``name``; an ``OptionError`` listing the protocols for any other name."""
    for protocol in PROTOCOLS:
        if protocol.name == name:
            return protocol
    raise OptionError(f"unknown protocol '{name}'", parameter="protocol",
                      fix=f"choose from {', '.join(protocol_names())}")
