"""The robust deal's tie-breaks: the expected Nash product and utility sum of the outcomes tied for the largest
P(rational and ratified), computed for those outcomes only, after the counts.

Both are float sums over the samples, so their last bits depend on the order of the additions; it is fixed here
(blocks of :func:`summation_blocks`, chunks inside them, samples in order), whoever ran the samples, so a seed
gives the same deal and the same figures on every executor.
"""

from __future__ import annotations

import numpy as np

from accord.robust.utility_model import UtilityModel

SUM_CELLS = 2 * 10**7  # the fixed summation order: samples per block, as the blocks of earlier versions had
SUM_MAX_BLOCK = 64
SUM_CHUNK_CELLS = 2**20
POSITIONS_AT_ONCE = 2**15  # tied outcomes whose utilities are gathered at once (per block of samples)


def summation_blocks(model: UtilityModel, samples: int) -> list[list[range]]:
    """Blocks of chunks of sample indices, the order in which the sums are taken."""
    scenario, cartesian = model.scenario, model.space.cartesian_size
    utilities = len(scenario.parties) + sum(len(p.constituencies) for p in scenario.parties)
    size = int(max(1, min(SUM_MAX_BLOCK, SUM_CELLS // max(1, cartesian * utilities))))
    step = max(1, SUM_CHUNK_CELLS // cartesian)
    blocks = []
    for start in range(0, samples, size):
        stop = min(start + size, samples)
        blocks.append([range(first, min(first + step, stop)) for first in range(start, stop, step)])
    return blocks


def expected_sums(model: UtilityModel, draws: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(Σ Nash products, Σ utility sums)`` over all samples, per outcome at ``positions``: the Nash product
    ``Π (uᵢ − dᵢ)`` counts in the samples where the outcome is rational for every party."""
    nash, total = np.zeros(positions.size), np.zeros(positions.size)
    for first in range(0, positions.size, POSITIONS_AT_ONCE):
        part = slice(first, first + POSITIONS_AT_ONCE)
        nash[part], total[part] = _sums(model, draws, positions[part])
    return nash, total


def _sums(model: UtilityModel, draws: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    parties = [(j, None) for j in range(len(model.scenario.parties))]
    nash = total = None
    for block in summation_blocks(model, draws.shape[0]):
        rows = slice(block[0].start, block[-1].stop)
        columns = model.utilities(draws[rows], positions)
        u = [np.asarray(columns[slot]) for slot in parties]
        d = model.reservations(draws[rows])
        block_nash, block_total = np.zeros(positions.size), np.zeros(positions.size)
        for chunk in block:
            for s in chunk:
                k = s - rows.start
                inside = np.flatnonzero(np.logical_and.reduce([u[j][k] >= d[k, j] for j in range(len(u))]))
                product = u[0][k][inside] - d[k, 0]
                for j in range(1, len(u)):
                    product *= u[j][k][inside] - d[k, j]
                block_nash[inside] += product
            for party in u:
                part = party[chunk.start - rows.start].copy()  # the chunk's sum, sample after sample
                for s in chunk[1:]:
                    part += party[s - rows.start]
                block_total += part
        nash = block_nash if nash is None else nash + block_nash
        total = block_total if total is None else total + block_total
    return nash, total
