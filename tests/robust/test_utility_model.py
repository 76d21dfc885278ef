"""The utility model: one sample's sums piece by piece are the whole sums, bit for bit."""

from __future__ import annotations

import numpy as np

from accord.robust.block import BlockTask, run_block
from accord.robust.utility_model import buffer, prepared
from tests.robust.scenarios import wide


def test_sums_piece_by_piece_are_the_whole_sums_bit_for_bit(monkeypatch):
    monkeypatch.setattr("accord.robust.utility_model.PIECE", 2)
    scenario = wide()
    model = prepared(scenario)
    draws = run_block(BlockTask(scenario, seed=6, start=0, stop=3)).draws
    for s in range(3):
        tables = {slot: [t[s:s + 1] for t in per_issue] for slot, per_issue in model.tables(draws).items()}
        whole = model.sums(tables, 1)
        pieces = [(positions, {slot: v.T.flatten() for slot, v in piece.items()})  # copies: buffers are reused
                  for positions, piece in model.pieces(tables, {})]
        assert len(pieces) > 1 and pieces[-1][0].stop == model.space.size
        for slot, values in whole.items():
            assert np.array_equal(np.concatenate([piece[slot] for _, piece in pieces]), values[0])



def test_a_buffer_is_reused_and_grown_when_too_small():
    scratch: dict = {}
    first = buffer(scratch, "x", (2, 3))
    assert buffer(scratch, "x", (3, 2)).base is first.base
    assert buffer(scratch, "x", (4, 4)).shape == (4, 4) and scratch["x"].size == 16
    assert buffer(scratch, "x", (2,), bool).dtype == bool
