"""The built-in strategies: one declared tuple, read by the registry."""

from accord.strategies.base import Strategy
from accord.strategies.opponent_model import FrequencyOpponentModel, NashSeeking
from accord.strategies.simple import AcceptAboveReservation, Hardliner, RandomStrategy
from accord.strategies.time_dependent import Boulware, Conceder, LinearConcession, TimeDependent
from accord.strategies.tit_for_tat import AbsoluteTitForTat, TitForTat

BUILTINS: tuple[type[Strategy], ...] = (
    TimeDependent, Boulware, LinearConcession, Conceder,
    Hardliner, AcceptAboveReservation, RandomStrategy,
    TitForTat, AbsoluteTitForTat,
    FrequencyOpponentModel, NashSeeking,
)
