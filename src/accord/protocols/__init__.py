"""Negotiation protocols.

``PROTOCOLS`` maps a name to a runner ``(strategies, prepared, config, positions, proposers, mediator_seed) ->
Run`` used by :func:`accord.simulate.run_session`. :func:`rubinstein` (alternating offers over a divisible good)
stands apart: it negotiates shares of a pie, not outcomes of a scenario (``accord rubinstein`` on the command
line).
"""

from accord.protocols.common import MEDIATOR, Fault, Run, SessionConfig
from accord.protocols.rubinstein import RubinsteinResult, rubinstein, spe_share
from accord.protocols.sao import run_sao
from accord.protocols.single_text import run_single_text
from accord.protocols.zeuthen import run_zeuthen, zeuthen_concession


def _sao(strategies, prepared, config, positions, proposers, mediator_seed):
    return run_sao(strategies, prepared.n_outcomes, config, positions, proposers)


PROTOCOLS = {"sao": _sao, "zeuthen": run_zeuthen, "single-text": run_single_text}

__all__ = ["MEDIATOR", "PROTOCOLS", "Fault", "Run", "RubinsteinResult", "SessionConfig", "rubinstein", "run_sao",
           "run_single_text", "run_zeuthen", "spe_share", "zeuthen_concession"]
