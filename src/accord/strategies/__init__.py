"""Negotiation strategies and their registry.

A strategy plays one party and sees only a frozen :class:`PartyView` of what that party may know. Built-ins
register themselves where they are defined; third-party strategies arrive through the ``accord.strategies``
entry-point group.
"""

from accord.strategies.base import END, REGISTRY, OfferHistory, PartyView, State, Strategy, StrategyInfo
from accord.strategies.opponent_model import FrequencyModel, FrequencyOpponentModel, NashSeeking
from accord.strategies.registry import ENTRY_POINT_GROUP, filtered, load_plugins, make, registry
from accord.strategies.simple import AcceptAboveReservation, Hardliner, RandomStrategy
from accord.strategies.time_dependent import Boulware, Conceder, LinearConcession, TimeDependent
from accord.strategies.tit_for_tat import AbsoluteTitForTat, RelativeTitForTat, TitForTat

__all__ = [
    "END", "ENTRY_POINT_GROUP", "REGISTRY", "AbsoluteTitForTat", "AcceptAboveReservation", "Boulware", "Conceder",
    "FrequencyModel", "FrequencyOpponentModel", "Hardliner", "LinearConcession", "NashSeeking", "OfferHistory",
    "PartyView", "RandomStrategy", "RelativeTitForTat", "State", "Strategy", "StrategyInfo", "TimeDependent",
    "TitForTat", "filtered", "load_plugins", "make", "registry",
]
