"""The contract every built-in strategy honours, plus exact offer sequences on hand-made scenarios.

Each strategy gets a test class inheriting :class:`StrategyContract`; a guard test fails when a registered
built-in has no such class. The contract checks the strategy's declared :class:`Classifier` against its behaviour,
in both directions (a declaration that is false fails).
"""

from __future__ import annotations

import pickle

import pytest

from accord.strategies import BUILTINS, Strategy, make, registry
from accord.simulate import run_session
from tests.simulate.scenarios import line, price_colour, three_party

OPPONENTS = ("boulware", "random", "hardliner")


def offers(result, party: str) -> list[int]:
    return [row["position"] for row in result.trace if row["party"] == party and row["action"] == "offer"]


def differ(first: list[int], second: list[int]) -> bool:
    """Whether two offer sequences differ where both go (a session that ended sooner is a shorter prefix)."""
    n = min(len(first), len(second))
    return first[:n] != second[:n]


class StrategyContract:
    """Inherit and set ``name`` (and ``sequences``: exact expected offers)."""

    name: str = ""

    def test_construct_clone_pickle(self):
        strategy = make(self.name)
        assert isinstance(strategy, Strategy)
        assert strategy.name == self.name
        clone = strategy.clone()
        assert clone == strategy and clone is not strategy
        assert pickle.loads(pickle.dumps(strategy)) == strategy
        assert repr(strategy).startswith(type(strategy).__name__ + "(")
        info = registry()[self.name]
        assert info.cls is type(strategy) and info.description

    @pytest.mark.parametrize("opponent", OPPONENTS)
    def test_same_seed_same_trace(self, opponent):
        first = run_session(price_colour(), [self.name, opponent], rounds=30, seed=11)
        second = run_session(price_colour(), [self.name, opponent], rounds=30, seed=11)
        assert first.trace_json() == second.trace_json()
        assert first.trace_csv() == second.trace_csv()

    @pytest.mark.parametrize("opponent", OPPONENTS)
    def test_offers_are_outcomes_and_session_ends_by_deadline(self, opponent):
        scenario = price_colour()
        for seed in range(3):
            result = run_session(scenario, [opponent, self.name], rounds=25, seed=seed)
            assert result.fault is None, result.fault
            assert result.rounds <= 25 and result.steps <= 50
            for row in result.trace:
                if row["action"] in ("offer", "accept"):
                    assert 0 <= row["position"] < 10
            assert result.ended_by in ("agreement", "deadline", "end")

    def test_multilateral(self):
        result = run_session(three_party(), [self.name, "conceder", "linear"], rounds=20, seed=3)
        assert result.fault is None
        assert result.rounds <= 20

    def classifier(self):
        return registry()[self.name].classifier

    @pytest.mark.parametrize("opponent", ["hardliner", "conceder"])
    def test_declared_stochastic_exactly_when_the_seed_changes_offers(self, opponent):
        runs = {tuple(offers(run_session(line(reservation_a=0.3), [self.name, opponent], rounds=20, seed=seed),
                             "A")) for seed in range(6)}
        if self.classifier().stochastic:
            assert len(runs) > 1, "declared stochastic, yet every seed gave the same offers"
        else:
            assert len(runs) == 1, "declared deterministic, yet the seed changed its offers"

    def test_declared_time_concession_exactly_when_the_clock_changes_offers(self):
        # against a hardliner (always the same offer), only the clock can change what it offers at a given step
        short, long = (offers(run_session(line(), [self.name, "hardliner"], rounds=rounds, seed=1), "A")
                       for rounds in (10, 40))
        assert differ(short, long) == (self.classifier().concession == "time")

    def test_declared_behaviour_concession_when_the_opponent_strategy_changes_offers(self):
        # a behaviour-based strategy offers differently to a hardliner and to a conceder; one that concedes on time
        # or not at all, and models nobody, offers the same to both
        kind = self.classifier()
        against = [offers(run_session(price_colour(), [self.name, opponent], rounds=20, seed=1), "A")
                   for opponent in ("hardliner", "conceder")]
        if kind.concession == "behaviour":
            assert differ(*against)
        elif not kind.opponent_model:
            assert not differ(*against)

    @pytest.mark.parametrize("opponent", ["hardliner", "linear"])
    def test_declared_opponent_model_exactly_when_the_opponent_preferences_change_offers(self, opponent):
        # the same opponent strategy, wanting blue or red (a colour worth nothing to this party): only a strategy
        # that models the opponent's preferences from the values it offers can tell the two apart
        against = [offers(run_session(price_colour(b_likes), [self.name, opponent], rounds=20, seed=1), "A")
                   for b_likes in ("blue", "red")]
        assert differ(*against) == self.classifier().opponent_model

    def test_instance_is_not_mutated(self):
        strategy = make(self.name)
        before = strategy.params()
        run_session(line(), [strategy, "conceder"], rounds=5)
        assert strategy.params() == before and not hasattr(strategy, "view")


def test_every_builtin_has_a_contract_test():
    covered = {cls.name for cls in StrategyContract.__subclasses__()}
    assert {cls.name for cls in BUILTINS} == covered


class TestTimeDependent(StrategyContract):
    name = "time-dependent"


class TestBoulware(StrategyContract):
    name = "boulware"

    def test_sequence(self):
        # targets 1 − t⁵ at t = 0, .2, .4, .6, .8: 1, .99968, .98976, .92224, .67232 → x = 10, 10, 10, 10, 7
        assert offers(run_session(line(), ["boulware", "hardliner"], rounds=5), "A") == [10, 10, 10, 10, 7]

    def test_ties_go_to_the_lowest_position(self):
        result = run_session(price_colour(), ["boulware", "hardliner"], rounds=5)
        assert offers(result, "A") == [8, 8, 8, 8, 6]


class TestLinear(StrategyContract):
    name = "linear"

    def test_sequence(self):
        assert offers(run_session(line(), ["linear", "hardliner"], rounds=5), "A") == [10, 8, 6, 4, 2]


class TestConceder(StrategyContract):
    name = "conceder"

    def test_sequence(self):
        # 1 − √t: 1, .553, .368, .225, .106 → x = 10, 6, 4, 3, 2
        assert offers(run_session(line(), ["conceder", "hardliner"], rounds=5), "A") == [10, 6, 4, 3, 2]


class TestHardliner(StrategyContract):
    name = "hardliner"

    def test_sequence(self):
        result = run_session(line(), ["hardliner", "conceder"], rounds=5)
        assert offers(result, "A") == [10] * 5
        assert offers(result, "B") == [3, 5, 7, 8, 9]
        assert result.ended_by == "deadline"


class TestAcceptAboveReservation(StrategyContract):
    name = "accept-above-reservation"

    def test_sequence(self):
        result = run_session(line(reservation_a=0.45), ["accept-above-reservation", "conceder"], rounds=5)
        assert offers(result, "A") == [10, 10]
        assert offers(result, "B") == [3, 5]
        assert result.agreement and result.position == 5
        assert result.trace[-1]["party"] == "A" and result.trace[-1]["action"] == "accept"


class TestRandom(StrategyContract):
    name = "random"

    def test_sequence(self):
        result = run_session(line(reservation_a=0.3), ["random", "hardliner"], rounds=5, seed=7)
        assert offers(result, "A") == [3, 9, 9, 3, 10]  # a regression value for seed 7

    def test_offers_are_rational_and_seed_matters(self):
        traces = set()
        for seed in range(5):
            result = run_session(line(reservation_a=0.3), ["random", "hardliner"], rounds=20, seed=seed)
            assert all(x >= 3 for x in offers(result, "A"))
            traces.add(tuple(offers(result, "A")))
        assert len(traces) > 1


class TestTitForTat(StrategyContract):
    name = "tit-for-tat"

    def test_sequence(self):
        # B (Conceder) offers x = 3, 5, 7; A closes the same fraction of the gap: targets 1, 1, .857, .769
        result = run_session(line(), ["tit-for-tat", "conceder"], rounds=5)
        assert offers(result, "A") == [10, 10, 9, 8]
        assert offers(result, "B") == [3, 5, 7]
        assert result.position == 8 and result.trace[-1]["party"] == "B"


class TestTitForTatAbsolute(StrategyContract):
    name = "tit-for-tat-absolute"

    def test_sequence(self):
        # B concedes 0.2 of A's utility (x 3 → 5): A's target 1 → 0.8 (x = 8); then 5 → 7: 0.6, and 0.7 ≥ 0.6
        result = run_session(line(), ["tit-for-tat-absolute", "conceder"], rounds=5)
        assert offers(result, "A") == [10, 10, 8]
        assert result.position == 7 and result.trace[-1]["party"] == "A"

    def test_differs_from_relative_tit_for_tat(self):
        # the same opponent moves (x 3 → 5 → 7): the relative mode offers 9 where the absolute one offers 8
        relative, absolute = (offers(run_session(line(), [name, "conceder"], rounds=5), "A")
                              for name in ("tit-for-tat", "tit-for-tat-absolute"))
        assert relative[:3] == [10, 10, 9] and absolute[:3] == [10, 10, 8]


class TestFrequencyModel(StrategyContract):
    name = "frequency-model"

    def test_sequence(self):
        # B keeps offering blue (position 1): among A's equal-utility outcomes it then picks the blue one
        result = run_session(price_colour(), ["frequency-model", "hardliner"], rounds=5)
        assert offers(result, "A") == [8, 9, 9, 9, 7]


class TestNashSeeking(StrategyContract):
    name = "nash-seeking"

    def test_sequence(self):
        # after B's (price 0, blue) the model values blue and price 0 at 0.5 each: the estimated Nash point is
        # (price 4, blue) = position 9
        result = run_session(price_colour(), ["nash-seeking", "hardliner"], rounds=5)
        assert offers(result, "A") == [8, 9, 9, 9, 9]
