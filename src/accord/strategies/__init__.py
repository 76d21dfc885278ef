"""Negotiation strategies and their registry.

A strategy plays one party and sees only a frozen :class:`PartyView` of what that party may know. Each declares
its name and :class:`Classifier` where it is defined; the registry reads the declared tuple of built-ins
(:data:`BUILTINS`), third-party strategies from the ``accord.strategies`` entry-point group, and strategies passed
to :func:`register`.
"""

from accord.strategies.base import END, Classifier, OfferHistory, PartyView, State, Strategy, StrategyInfo
from accord.strategies.builtin import BUILTINS
from accord.strategies.opponent_model import FrequencyModel, FrequencyOpponentModel, NashSeeking
from accord.strategies.registry import ENTRY_POINT_GROUP, filtered, load_plugins, make, register, registry
from accord.strategies.simple import AcceptAboveReservation, Hardliner, RandomStrategy
from accord.strategies.time_dependent import Boulware, Conceder, LinearConcession, TimeDependent
from accord.strategies.tit_for_tat import AbsoluteTitForTat, TitForTat

__all__ = [
    "BUILTINS", "END", "ENTRY_POINT_GROUP", "AbsoluteTitForTat", "AcceptAboveReservation", "Boulware", "Classifier",
    "Conceder", "FrequencyModel", "FrequencyOpponentModel", "Hardliner", "LinearConcession", "NashSeeking",
    "OfferHistory", "PartyView", "RandomStrategy", "State", "Strategy", "StrategyInfo", "TimeDependent",
    "TitForTat", "filtered", "load_plugins", "make", "register", "registry",
]
