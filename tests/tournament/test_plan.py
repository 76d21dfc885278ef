"""The plan: every assignment on every scenario × repetitions, in a fixed order, one derived seed per session."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import OptionError
from accord.io import load
from accord.simulate import derived_seeds
from accord.tournament import plan
from accord.tournament.plan import Settings

STRATEGIES = ["linear", "boulware", "conceder", "tit-for-tat"]


def test_same_inputs_give_the_same_plan(mini, laptop):
    first = plan([mini, laptop], STRATEGIES, repetitions=3, seed=7)
    again = plan([mini, laptop], STRATEGIES, repetitions=3, seed=7)
    assert first.tasks == again.tasks
    assert first.fingerprint() == again.fingerprint()


def test_seeds_are_derived_from_the_root_seed_sequence(mini):
    planned = plan([mini], STRATEGIES, repetitions=2, seed=11)
    words = np.random.SeedSequence(11).generate_state(len(planned), dtype=np.uint64)
    expected = [int(w >> np.uint64(1)) for w in words]
    assert [t.seed for t in planned.tasks] == expected == derived_seeds(11, len(planned))
    assert len(set(expected)) == len(expected)
    other = plan([mini], STRATEGIES, repetitions=2, seed=12)
    assert [t.seed for t in other.tasks] != expected
    assert other.fingerprint() != planned.fingerprint()


def test_every_pairing_in_both_roles_times_repetitions(mini, laptop):
    planned = plan([mini, laptop], STRATEGIES, repetitions=2)
    assert len(planned) == 2 * 4 * 3 * 2
    pairs = {(t.scenario, tuple(planned.labels[k] for k in t.strategies)) for t in planned.tasks}
    assert (0, ("linear", "boulware")) in pairs and (0, ("boulware", "linear")) in pairs
    assert not any(a == b for _, (a, b) in pairs)
    assert len({t.key for t in planned.tasks}) == len(planned)
    assert [t.index for t in planned.tasks] == list(range(len(planned)))


def test_self_play_adds_each_strategy_against_itself(mini):
    planned = plan([mini], STRATEGIES, repetitions=1, self_play=True)
    labels = [tuple(planned.labels[k] for k in t.strategies) for t in planned.tasks]
    assert len(labels) == 16
    assert ("conceder", "conceder") in labels


def test_settings_change_the_fingerprint(mini):
    assert (plan([mini], STRATEGIES).fingerprint()
            != plan([mini], STRATEGIES, settings=Settings(rounds=50)).fingerprint())


@pytest.mark.parametrize("strategies, repetitions, fragment", [
    (["linear", "nope"], 1, "unknown strategy 'nope'"),
    (["linear", "linear"], 1, "named twice"),
    (["linear"], 1, "only 1 strategies"),
    (["linear", "boulware"], 0, "repetitions must be 1 or more"),
    (["linear", "boulware"], 10**13, "the plan has 20,000,000,000,000 sessions, more than 10,000,000"),
])
def test_bad_plans_are_one_line_errors(mini, strategies, repetitions, fragment):
    with pytest.raises(OptionError, match=fragment):
        plan([mini], strategies, repetitions=repetitions)


def test_a_one_party_scenario_is_refused(mini):
    with pytest.raises(OptionError, match="'solo' has 1 party; a negotiation needs two or more"):
        plan([mini, load("tests/data/solo.yaml")], ["linear", "boulware"])
