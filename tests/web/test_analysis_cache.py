"""The analysis cache is bounded in bytes: the least recently used analyses go first."""

from __future__ import annotations

import numpy as np

from accord.web.analysis_cache import BytesCache, array_bytes


def test_the_cache_keeps_at_most_its_limit_in_bytes():
    cache = BytesCache(limit=3000)
    made = []

    def make(key):
        made.append(key)
        return np.zeros(125)  # 1000 bytes

    for key in "abc":
        cache.get(key, lambda key=key: make(key))
    cache.get("a", lambda: make("a"))  # kept: not made again, and now the most recently used
    cache.get("d", lambda: make("d"))  # "b" goes
    assert made == ["a", "b", "c", "d"] and list(cache.entries) == ["c", "a", "d"] and cache.bytes == 3000
    huge = cache.get("e", lambda: np.zeros(1000))  # larger than the whole cache: answered, not kept
    assert huge.size == 1000 and "e" not in cache.entries and cache.bytes == 3000


def test_an_analysis_is_measured_by_its_arrays(client):
    from accord.web.api import analysis_of
    from accord.web.store import ScenarioStore

    analysis = analysis_of(ScenarioStore().get("japan-russia-2019"))
    assert array_bytes(analysis) >= analysis.utilities.nbytes + analysis.pareto_points.nbytes > 0
