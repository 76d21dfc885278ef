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
from accord.robust.tiebreak import expected_sums
from accord.robust.utility_model import UtilityModel
from accord.space import scenario_space

MAX_SAMPLES = 10**7
TASK_CELLS = 10**8  # outcome-samples one task analyses at most (its result: three counts per outcome)
TASKS_PER_WORKER = 4


def check_run(samples: int, seed: int) -> None:
    """An ``OptionError`` unless 1 ≤ samples ≤ MAX_SAMPLES and seed ≥ 0."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise OptionError(f"samples must lie in 1..{MAX_SAMPLES:,}, got {samples}", parameter="samples",
                          fix=f"give 1 to {MAX_SAMPLES:,}")
    check_seed(seed)


def plan(scenario: Scenario, samples: int, seed: int, n_outcomes: int, workers: int = 1) -> list[BlockTask]:
    """Tasks of consecutive samples: a few per worker, each at most ``TASK_CELLS`` outcome-samples. The answer
    does not depend on the split (counts are whole numbers; sums are taken afterwards in a fixed order)."""
    size = max(1, min(-(-samples // (TASKS_PER_WORKER * max(1, workers))), TASK_CELLS // max(1, n_outcomes)))
    return [BlockTask(scenario, seed, start, min(start + size, samples)) for start in range(0, samples, size)]


def robust(scenario: Scenario, samples: int = 1000, seed: int = 0, executor=None,
           progress: Callable[[int, int], None] | None = None) -> RobustResult:
    """Draw ``samples`` scenarios from the scenario's distributions and analyse each (see docs/robust.md).
    ``executor`` is any tournament executor (serial by default); ``progress(done, total)`` hears of each wave
    of finished samples."""
    check_run(samples, seed)
    space = scenario_space(scenario)
    workers = getattr(executor, "workers", 1)
    tasks = plan(scenario, samples, seed, space.size, workers)
    results: list[BlockResult] = []
    wave = max(1, 2 * workers)
    for start in range(0, len(tasks), wave):
        batch = tasks[start:start + wave]
        results.extend(executor.map_plain(run_block, batch) if executor is not None else map(run_block, batch))
        if progress is not None:
            progress(results[-1].start + len(results[-1].zone), samples)
    return combine(scenario, samples, seed, results)


def combine(scenario: Scenario, samples: int, seed: int, results: list[BlockResult]) -> RobustResult:
    """Add the blocks' counts, join their per-sample facts in sample order, and pick the robust deal."""
    results = sorted(results, key=lambda r: r.start)
    total = lambda name: np.sum([getattr(r, name) for r in results], axis=0)  # noqa: E731
    stacked = lambda name: np.concatenate([getattr(r, name) for r in results])  # noqa: E731
    chosen, draws = stacked("chosen"), stacked("draws")
    n = results[0].rational.size
    solution_counts = np.stack([np.bincount(chosen[:, c][chosen[:, c] >= 0], minlength=n)
                                for c in range(len(solution_names()))])
    ratified = total("ratified")
    ratifiable = stacked("ratifiable_zone")
    model = prepared(scenario)
    robust_position, nash = _robust_deal(model, draws, ratified)
    deal_utilities = None
    if robust_position is not None:
        columns = model.utilities(draws, np.array([robust_position]))
        deal_utilities = np.stack([columns[(j, None)][:, 0] for j in range(len(scenario.parties))], axis=1)
    return RobustResult(
        scenario=scenario, samples=samples, seed=seed, space=model.space,
        zone=stacked("zone"), ratifiable_zone=ratifiable,
        rational=total("rational"), ratified=ratified, pareto=total("pareto"), solutions=solution_counts,
        expected_nash_product=None if nash is None else nash / samples,
        robust_position=robust_position, robust_utilities=deal_utilities,
        drivers=drivers(scenario.uncertainty.parameters, draws, ratifiable))


def _robust_deal(model: UtilityModel, draws: np.ndarray, ratified: np.ndarray) -> tuple[int | None, float | None]:
    """``(position, Σ Nash products)`` of the robust deal: the largest P(rational and ratified); ties → larger
    expected Nash product → larger expected utility sum → lowest position. ``(None, None)`` when no outcome was
    rational and ratified in any sample."""
    best = ratified.max()
    if best == 0:
        return None, None
    tied = np.flatnonzero(ratified == best)
    nash, utility_sum = expected_sums(model, draws, tied)
    k = np.lexsort((tied, -utility_sum, -nash))[0]
    return int(tied[k]), float(nash[k])


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
