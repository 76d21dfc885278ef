"""Per-strategy results of a tournament, with 95 % confidence intervals, and their CSV / Parquet export.

Each session contributes one observation per party to the strategy that played it: its own utility, whether
the session reached an agreement, the social welfare (sum of utilities) and the distances of the outcome to the
Pareto frontier and the Nash point. Means get Student-t intervals, the median a distribution-free interval from
order statistics, the agreement rate a Wilson interval.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path

import numpy as np

from accord.errors import OptionError

Z = 1.959963984540054
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
         2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
         2.045, 2.042)


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with ``df`` degrees of freedom (table to 30, then an expansion)."""
    if df <= len(_T975):
        return _T975[df - 1]
    z = Z
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)


class Interval(NamedTuple):
    """An estimate with its 95 % confidence interval (all NaN when there was nothing to estimate from)."""

    value: float
    low: float
    high: float


_NOTHING = Interval(math.nan, math.nan, math.nan)


def mean_ci(values: np.ndarray) -> Interval:
    """Mean and its 95 % t interval (NaN when there is nothing to average)."""
    n = len(values)
    if n == 0:
        return _NOTHING
    mean = float(values.mean())
    if n == 1:
        return Interval(mean, mean, mean)
    half = t975(n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
    return Interval(mean, mean - half, mean + half)


def median_ci(values: np.ndarray) -> Interval:
    """Median and a distribution-free 95 % interval between order statistics."""
    n = len(values)
    if n == 0:
        return _NOTHING
    ordered = np.sort(values)
    half = Z * math.sqrt(n) / 2
    low = max(0, int(math.floor(n / 2 - half)) - 1)
    high = min(n - 1, int(math.ceil(n / 2 + half)))
    return Interval(float(np.median(ordered)), float(ordered[low]), float(ordered[high]))


def wilson(successes: int, n: int) -> Interval:
    """A proportion and its 95 % Wilson interval."""
    if n == 0:
        return _NOTHING
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


ESTIMATES = ("mean_utility", "median_utility", "agreement_rate", "welfare", "pareto_distance", "nash_distance")
"""The :class:`StrategyStats` fields that are :class:`Interval` estimates, in export order."""


@dataclass(frozen=True)
class StrategyStats:
    """One strategy's line in the ranking: each estimate an :class:`Interval`."""

    name: str
    sessions: int
    mean_utility: Interval
    median_utility: Interval
    agreement_rate: Interval
    welfare: Interval
    pareto_distance: Interval
    nash_distance: Interval
    faults: int

    def record(self) -> dict:
        """The flat export row: ``name``, ``sessions``, then ``x``, ``x_low``, ``x_high`` per estimate, ``faults``."""
        out: dict = {"name": self.name, "sessions": self.sessions}
        for estimate in ESTIMATES:
            interval = getattr(self, estimate)
            out.update({estimate: interval.value, f"{estimate}_low": interval.low,
                        f"{estimate}_high": interval.high})
        out["faults"] = self.faults
        return out

    def to_json(self) -> dict:
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in self.record().items()}


FIELDS = ("name", "sessions", *(f"{e}{end}" for e in ESTIMATES for end in ("", "_low", "_high")), "faults")
"""The columns of the ranking's exports (CSV, Parquet, JSON), in order."""


def _floats(values: list) -> np.ndarray:
    return np.asarray([v for v in values if v is not None], dtype=float)


@dataclass
class _Observations:
    """What one strategy saw over the sessions it played, one entry per session (``None``: not measured)."""

    utilities: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    welfare: list = field(default_factory=list)
    pareto_distances: list = field(default_factory=list)
    nash_distances: list = field(default_factory=list)
    faults: int = 0

    def stats(self, name: str) -> StrategyStats:
        utility = _floats(self.utilities)
        return StrategyStats(
            name, len(utility), mean_utility=mean_ci(utility), median_utility=median_ci(utility),
            agreement_rate=wilson(int(sum(self.agreements)), len(self.agreements)),
            welfare=mean_ci(_floats(self.welfare)), pareto_distance=mean_ci(_floats(self.pareto_distances)),
            nash_distance=mean_ci(_floats(self.nash_distances)), faults=self.faults,
        )


def summarize(rows: Iterable[dict]) -> list[StrategyStats]:
    """The ranking: one :class:`StrategyStats` per strategy, best mean own utility first."""
    seen: dict[str, _Observations] = {}
    for row in rows:
        for party, (name, utility) in enumerate(zip(row["strategies"], row["utilities"])):
            seen_by = seen.setdefault(name, _Observations())
            seen_by.utilities.append(utility)
            seen_by.agreements.append(row["agreement"])
            seen_by.welfare.append(row["welfare"])
            seen_by.pareto_distances.append(row["pareto_distance"])
            seen_by.nash_distances.append(row["nash_distance"])
            seen_by.faults += row["fault_party"] == party
    stats = [observations.stats(name) for name, observations in seen.items()]
    return sorted(stats, key=lambda s: (-s.mean_utility.value if not math.isnan(s.mean_utility.value) else math.inf,
                                        s.name))


def write_records(records: Sequence[dict], columns: Sequence[str], path: str | Path, parameter: str,
                  kind: str | None = None) -> Path:
    """Records as ``kind`` ("csv" or "parquet"; by default from the file's suffix), to ``path``, the value of
    ``parameter`` (named in errors). List values become JSON text in CSV and lists in Parquet."""
    path = Path(path)
    kind = kind or path.suffix.lower().lstrip(".")
    if kind == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            from accord.extras import install_hint

            raise OptionError("Parquet export needs pyarrow", parameter=parameter,
                              fix=f"{install_hint('distributed')}, or write a .csv file") from None
        table = pa.table({column: _parquet_column([record[column] for record in records]) for column in columns})
        try:
            pq.write_table(table, str(path))
        except OSError as error:
            raise OptionError(f"cannot write ({error})", source=str(path), parameter=parameter,
                              fix=f"choose a writable `{parameter}` path") from None
        return path
    if kind != "csv":
        raise OptionError(f"cannot tell the format of '{path.name}'", parameter=parameter,
                          fix="end the file name in .csv or .parquet")
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for record in records:
                writer.writerow([json.dumps(v) if isinstance(v, (list, tuple)) else v
                                 for v in (record[column] for column in columns)])
    except OSError as error:
        raise OptionError(f"cannot write ({error.strerror})", source=str(path), parameter=parameter,
                          fix=f"choose a writable `{parameter}` path") from None
    return path


def _parquet_column(values: list) -> list:
    """A column as Parquet can hold it: integers past 64 bits (positions on a space too large to enumerate) make
    the whole column decimal text."""
    if any(isinstance(v, int) and not -2**63 <= v < 2**63 for v in values):
        return [None if v is None else str(v) for v in values]
    return values


def _ranking_records(stats: Sequence[StrategyStats]) -> list[dict]:
    return [item.record() for item in stats]


def write_csv(stats: Sequence[StrategyStats], path: str | Path) -> Path:
    """The ranking as CSV, one row per strategy."""
    return write_records(_ranking_records(stats), FIELDS, path, "csv", kind="csv")


def write_parquet(stats: Sequence[StrategyStats], path: str | Path) -> Path:
    """The ranking as a Parquet file (needs pyarrow)."""
    return write_records(_ranking_records(stats), FIELDS, path, "parquet", kind="parquet")
