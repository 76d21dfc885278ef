"""Per-strategy statistics: hand-checked values, interval formulas against references, CSV / Parquet export."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from accord.tournament.stats import (FIELDS, mean_ci, median_ci, summarize, t975, wilson, write_csv, write_parquet,
                                     write_records)


def row(strategies, utilities, agreement=1, fault_party=None, pareto=0.1, nash=0.2):
    return {"strategies": list(strategies), "utilities": list(utilities), "agreement": agreement,
            "welfare": float(sum(utilities)), "pareto_distance": pareto, "nash_distance": nash,
            "fault_party": fault_party}


ROWS = [
    row(["a", "b"], [0.9, 0.3]),
    row(["b", "a"], [0.5, 0.7]),
    row(["a", "b"], [0.2, 0.1], agreement=0, fault_party=1, pareto=0.6, nash=None),
    row(["b", "c"], [0.4, 0.4], pareto=None, nash=None),
]


def test_each_party_counts_for_the_strategy_it_played():
    stats = {s.name: s for s in summarize(ROWS)}
    a, b, c = stats["a"], stats["b"], stats["c"]
    assert a.sessions == 3 and b.sessions == 4 and c.sessions == 1
    assert a.mean_utility.value == pytest.approx((0.9 + 0.7 + 0.2) / 3)
    assert a.median_utility.value == pytest.approx(0.7)
    assert b.mean_utility.value == pytest.approx((0.3 + 0.5 + 0.1 + 0.4) / 4)
    assert a.agreement_rate.value == pytest.approx(2 / 3)
    assert a.welfare.value == pytest.approx((1.2 + 1.2 + 0.3) / 3)
    assert a.pareto_distance.value == pytest.approx((0.1 + 0.1 + 0.6) / 3)
    assert a.nash_distance.value == pytest.approx(0.2)  # missing distances are left out, not zero
    assert (a.faults, b.faults, c.faults) == (0, 1, 0)
    assert math.isnan(c.pareto_distance.value) and math.isnan(c.pareto_distance.high)
    assert [s.name for s in summarize(ROWS)] == ["a", "c", "b"]  # best mean own utility first


def test_t_quantiles_match_known_values():
    for df, value in [(1, 12.706), (5, 2.571), (30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980),
                      (1000, 1.962)]:
        assert t975(df) == pytest.approx(value, abs=1.5e-3)


def test_t_quantiles_match_scipy_beyond_the_table():
    stats = pytest.importorskip("scipy.stats")
    for df in range(31, 400, 7):
        assert t975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=5e-4)


def test_mean_interval_is_the_t_interval():
    values = np.array([0.1, 0.4, 0.35, 0.8, 0.6])
    mean, low, high = mean_ci(values)
    half = 2.776 * values.std(ddof=1) / math.sqrt(5)
    assert (mean, low, high) == pytest.approx((values.mean(), values.mean() - half, values.mean() + half))
    assert mean_ci(np.array([0.5])) == (0.5, 0.5, 0.5)
    assert all(math.isnan(x) for x in mean_ci(np.array([])))


def test_median_interval_brackets_the_median_and_covers_it_about_95_percent():
    rng = np.random.default_rng(1)
    covered = 0
    for _ in range(400):
        values = rng.exponential(size=41)
        median, low, high = median_ci(values)
        assert low <= median <= high
        covered += low <= math.log(2) <= high
    assert 0.92 <= covered / 400 <= 0.995


def test_wilson_interval():
    p, low, high = wilson(0, 10)
    assert (p, low) == (0.0, 0.0) and high == pytest.approx(0.2775, abs=1e-4)
    p, low, high = wilson(7, 10)
    assert (low, high) == pytest.approx((0.3968, 0.8922), abs=1e-4)


def test_csv_and_parquet_exports(tmp_path):
    stats = summarize(ROWS)
    with write_csv(stats, tmp_path / "r.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == FIELDS
    assert [r["name"] for r in table] == ["a", "c", "b"]
    assert float(table[0]["mean_utility"]) == pytest.approx(stats[0].mean_utility.value)
    assert float(table[0]["mean_utility_low"]) == pytest.approx(stats[0].mean_utility.low)
    pq = pytest.importorskip("pyarrow.parquet")
    read = pq.read_table(write_parquet(stats, tmp_path / "r.parquet")).to_pylist()
    assert [r["name"] for r in read] == ["a", "c", "b"]
    assert read[2]["faults"] == 1 and read[0]["agreement_rate"] == pytest.approx(2 / 3)


def test_the_ranking_exports_keep_their_columns():
    """The CSV, Parquet and JSON exports are flat: each interval as value, _low and _high, in the old order."""
    old = ["name", "sessions"]
    for estimate in ("mean_utility", "median_utility", "agreement_rate", "welfare", "pareto_distance",
                     "nash_distance"):
        old += [estimate, f"{estimate}_low", f"{estimate}_high"]
    assert FIELDS == (*old, "faults")
    c = {s.name: s for s in summarize(ROWS)}["c"]
    document = c.to_json()
    assert tuple(document) == FIELDS
    assert document["pareto_distance"] is None and document["mean_utility_high"] == 0.4  # NaN becomes null


def test_positions_past_64_bits_export_to_parquet_as_text(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    records = [{"position": 10**30 - 1}, {"position": None}, {"position": 7}]
    write_records(records, ["position"], tmp_path / "rows.parquet", "sessions")
    assert pq.read_table(tmp_path / "rows.parquet").column("position").to_pylist() == [str(10**30 - 1), None, "7"]
