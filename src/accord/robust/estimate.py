"""``robust``: how likely agreement is when the scenario's numbers are uncertain.

The samples are split in blocks of plain data (:class:`BlockTask`); any executor runs them (serially, on a
process pool, on Dask) and the per-block counts are summed in block order, so one seed gives the same answer
wherever it runs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from accord.analysis.solutions import solution_names
from accord.errors import OptionError, check_seed
from accord.model import Scenario
from accord.robust.block import BlockResult, BlockTask, prepared, run_block
from accord.robust.result import Driver, RobustResult
from accord.space import scenario_space

MAX_SAMPLES = 10**7
BLOCK_CELLS = 2 * 10**7  # utility values held at once in one block (samples × cartesian outcomes × utilities)
MAX_BLOCK = 64


def check_run(samples: int, seed: int) -> None:
    """An ``OptionError`` unless 1 ≤ samples ≤ MAX_SAMPLES and seed ≥ 0."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise OptionError(f"samples must lie in 1..{MAX_SAMPLES:,}, got {samples}", parameter="samples",
                          fix=f"give 1 to {MAX_SAMPLES:,}")
    check_seed(seed)


def block_size(scenario: Scenario, n_outcomes: int) -> int:
    """Samples per block: as many as fit ``BLOCK_CELLS`` utility values over ``n_outcomes`` (the cartesian
    product, which a block sums over before it keeps the feasible outcomes); it depends on the scenario only."""
    utilities = len(scenario.parties) + sum(len(p.constituencies) for p in scenario.parties)
    return int(max(1, min(MAX_BLOCK, BLOCK_CELLS // max(1, n_outcomes * utilities))))


def plan(scenario: Scenario, samples: int, seed: int, n_outcomes: int) -> list[BlockTask]:
    size = block_size(scenario, n_outcomes)
    return [BlockTask(scenario, seed, start, min(start + size, samples)) for start in range(0, samples, size)]


def robust(scenario: Scenario, samples: int = 1000, seed: int = 0, executor=None,
           progress: Callable[[int, int], None] | None = None) -> RobustResult:
    """Draw ``samples`` scenarios from the scenario's distributions and analyse each (see docs/robust.md).
    ``executor`` is any tournament executor (serial by default); ``progress(done, total)`` hears of each wave
    of finished samples."""
    check_run(samples, seed)
    space = scenario_space(scenario)
    tasks = plan(scenario, samples, seed, space.cartesian_size)
    results: list[BlockResult] = []
    wave = max(1, 2 * getattr(executor, "workers", 1))
    for start in range(0, len(tasks), wave):
        batch = tasks[start:start + wave]
        results.extend(executor.map_plain(run_block, batch) if executor is not None else map(run_block, batch))
        if progress is not None:
            progress(results[-1].start + len(results[-1].zone), samples)
    return combine(scenario, samples, seed, results)


def combine(scenario: Scenario, samples: int, seed: int, results: list[BlockResult]) -> RobustResult:
    """Sum the blocks (in sample order) into the result."""
    results = sorted(results, key=lambda r: r.start)
    total = lambda name: np.sum([getattr(r, name) for r in results], axis=0)  # noqa: E731
    stacked = lambda name: np.concatenate([getattr(r, name) for r in results])  # noqa: E731
    chosen, draws = stacked("chosen"), stacked("draws")
    n = results[0].rational.size
    solution_counts = np.stack([np.bincount(chosen[:, c][chosen[:, c] >= 0], minlength=n)
                                for c in range(len(solution_names()))])
    ratified, nash, utility_sum = total("ratified"), total("nash_product"), total("utility_sum")
    ratifiable = stacked("ratifiable_zone")
    robust_position = _robust_deal(ratified, nash, utility_sum)
    model = prepared(scenario)
    deal_utilities = None
    if robust_position is not None:
        columns = model.utilities(draws, np.array([robust_position]))
        deal_utilities = np.stack([columns[(j, None)][:, 0] for j in range(len(scenario.parties))], axis=1)
    return RobustResult(
        scenario=scenario, samples=samples, seed=seed, space=model.space,
        zone=stacked("zone"), ratifiable_zone=ratifiable,
        rational=total("rational"), ratified=ratified, pareto=total("pareto"), solutions=solution_counts,
        expected_nash_product=nash / samples, expected_utility_sum=utility_sum / samples,
        robust_position=robust_position, robust_utilities=deal_utilities,
        drivers=drivers(scenario.uncertainty.parameters, draws, ratifiable))


def _robust_deal(ratified: np.ndarray, nash: np.ndarray, utility_sum: np.ndarray) -> int | None:
    """Largest P(rational and ratified); ties → larger expected Nash product → larger expected utility sum →
    lowest position. ``None`` when no outcome was rational and ratified in any sample."""
    best = ratified.max()
    if best == 0:
        return None
    tied = np.flatnonzero(ratified == best)
    order = np.lexsort((tied, -utility_sum[tied], -nash[tied]))
    return int(tied[order[0]])


def ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing their average rank."""
    order = np.argsort(x, kind="stable")
    sorted_x = x[order]
    starts = np.flatnonzero(np.r_[True, sorted_x[1:] != sorted_x[:-1]])
    ends = np.r_[starts[1:], x.size]
    average = (starts + ends + 1) / 2.0
    out = np.empty(x.size)
    out[order] = np.repeat(average, ends - starts)
    return out


def rank_correlation(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (0 when either side is constant)."""
    rx, ry = ranks(np.asarray(x, dtype=float)), ranks(np.asarray(y, dtype=float))
    rx, ry = rx - rx.mean(), ry - ry.mean()
    scale = np.sqrt((rx * rx).sum() * (ry * ry).sum())
    return 0.0 if scale == 0 else float((rx * ry).sum() / scale)


def drivers(parameters: tuple[str, ...], draws: np.ndarray, event: np.ndarray) -> list[Driver]:
    """Per parameter: rank correlation with ``event``, and P(event) in its top decile minus in its bottom
    decile; sorted by the size of that change, largest first."""
    out = []
    event = event.astype(float)
    for column, name in enumerate(parameters):
        x = draws[:, column]
        low, high = np.quantile(x, 0.1), np.quantile(x, 0.9)
        delta = float(event[x >= high].mean() - event[x <= low].mean())
        out.append(Driver(name, rank_correlation(x, event), delta))
    return sorted(out, key=lambda d: (-abs(d.delta_p), -abs(d.rank_correlation), d.parameter))
