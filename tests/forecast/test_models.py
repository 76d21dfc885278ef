"""The declared forecasting models: ``run_model`` runs the record named in the config, nothing else."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import OptionError
from accord.forecast import MODELS, ModelConfig, model_names, run_model, weighted_mean, weighted_median

X, C, S = np.array([0.0, 40.0, 100.0]), np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.5, 0.8])


def test_names_in_declaration_order():
    assert model_names() == tuple(m.name for m in MODELS) == ("eu", "compromise", "median")
    assert all(m.description for m in MODELS)


@pytest.mark.parametrize("name, centre", [("compromise", weighted_mean), ("median", weighted_median)])
def test_one_point_models_have_round_zero_only(name, centre):
    result = run_model(X, C, S, ModelConfig(model=name))
    assert result.model == name and len(result.rounds) == 1
    assert result.final == pytest.approx(centre(X, C, S))


def test_only_the_models_declared_with_rounds_play_rounds():
    for model in MODELS:
        played = len(run_model(X, C, S, ModelConfig(model=model.name, rounds=5)).rounds)
        assert (played > 1) == model.rounds, model.name


def test_unknown_model_lists_the_declared_ones():
    with pytest.raises(OptionError, match="unknown model 'nope'; use one of: eu, compromise, median"):
        ModelConfig(model="nope")
