"""The declared forecasting models (``run_model`` runs the record named in the config, nothing else) and the
forecast document (``Forecast.to_json``)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from accord.errors import OptionError
from accord.forecast import (MODELS, ModelConfig, forecast, model_names, monte_carlo, run_model, weighted_mean,
                             weighted_median)

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


def test_forecast_document_keys_positions_by_actor(eu10):
    result = forecast(eu10, ModelConfig(rounds=2, q=0.5))
    document = json.loads(json.dumps(result.to_json()))  # plain JSON, nothing left to convert
    assert document["model"] == "eu" and document["issue"] == eu10.issue
    assert document["parameters"] == {"rounds": 2, "q": 0.5, "t": 1.0}
    belgium = eu10.actors.index("Belgium")
    assert document["actors"][belgium] == {"actor": "Belgium", "position": 7.0,
                                           "salience": float(eu10.salience[belgium]),
                                           "capability": float(eu10.capability[belgium])}
    assert [r["round"] for r in document["rounds"]] == [r.number for r in result.rounds]
    for written, played in zip(document["rounds"], result.rounds):
        assert written["positions"] == dict(zip(eu10.actors, played.positions))
        assert written["risk"] == (None if played.risk is None else dict(zip(eu10.actors, played.risk)))
    assert document["rounds"][0]["risk"] is None and document["rounds"][1]["risk"] is not None
    assert document["forecast"] == result.final and document["converged_at"] == result.converged_at
    assert document["monte_carlo"] is None


def test_forecast_document_carries_a_monte_carlo_summary(eu10):
    config = ModelConfig(model="compromise")
    summary = monte_carlo(eu10, config, runs=4, seed=2)
    document = forecast(eu10, config).to_json(summary)
    assert document["monte_carlo"] == summary.to_json()
    assert len(document["rounds"]) == 1 and document["rounds"][0]["risk"] is None


def test_array_runs_name_their_actors_and_record_their_inputs():
    document = run_model([0, 100], [10, 30], [1, 0.5], ModelConfig(model="median")).to_json()
    assert [a["actor"] for a in document["actors"]] == ["actor 1", "actor 2"]
    assert document["actors"][1] == {"actor": "actor 2", "position": 100.0, "salience": 0.5, "capability": 30.0}
    assert document["scale"] == "" and document["forecast"] == pytest.approx(100.0)
