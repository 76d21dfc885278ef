"""Derived seeds: the words of the root's SeedSequence, halved into the non-negative int64 range."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from accord.simulate import derived_seeds, run_session
from accord.strategies import Strategy
from tests.simulate.scenarios import line


@given(st.integers(0, 2**64), st.integers(0, 40))
def test_seeds_are_the_root_sequences_words_shifted_right_once(root, n):
    words = np.random.SeedSequence(root).generate_state(n, dtype=np.uint64)
    expected = [int(word) // 2 for word in words]
    seeds = derived_seeds(root, n)
    assert seeds == expected and all(type(s) is int and 0 <= s < 2**63 for s in seeds)


def test_a_longer_list_starts_with_the_shorter_one():
    assert derived_seeds(7, 10)[:3] == derived_seeds(7, 3)


def test_each_party_of_a_session_gets_its_own_derived_seed():
    seen = []

    class Seeded(Strategy):
        def setup(self, view):
            super().setup(view)
            seen.append(view.seed)

        def propose(self, state):
            return self.best

        def respond(self, state, offer):
            return False

    run_session(line(), [Seeded(), Seeded()], rounds=2, seed=11)
    assert seen == derived_seeds(11, 3)[:2]  # the third is the mediator's
