"""Negotiation protocols.

:data:`PROTOCOLS` declares them, one :class:`Protocol` record each (name, runner, description, the strategy a
complete-information protocol plays itself, the fewest parties), read by :func:`accord.simulate.run_session` and
the front ends. :func:`rubinstein` (alternating offers over a divisible good) stands apart: it negotiates shares of
a pie, not outcomes of a scenario (``accord rubinstein`` on the command line).
"""

from accord.protocols.common import MEDIATOR, Fault, Run, SessionConfig
from accord.protocols.registry import PROTOCOLS, Protocol, protocol_named, protocol_names
from accord.protocols.rubinstein import RubinsteinResult, rubinstein, spe_share
from accord.protocols.sao import run_sao
from accord.protocols.single_text import run_single_text
from accord.protocols.zeuthen import run_zeuthen, zeuthen_concession

__all__ = ["MEDIATOR", "PROTOCOLS", "Fault", "Protocol", "Run", "RubinsteinResult", "SessionConfig", "protocol_named",
           "protocol_names", "rubinstein", "run_sao", "run_single_text", "run_zeuthen", "spe_share",
           "zeuthen_concession"]
