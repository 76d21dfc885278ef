"""Multi-stakeholder forecasting: compromise, weighted median, expected utility, Monte Carlo."""

from accord.forecast.compromise import weighted_mean, weighted_median
from accord.forecast.expected_utility import Move, RoundOutcome, eu_round
from accord.forecast.models import MODELS, Forecast, Model, ModelConfig, Round, forecast, model_names, run_model
from accord.forecast.monte_carlo import MonteCarloSummary, RunTask, monte_carlo, run_task
from accord.forecast.stakeholder_files import load_stakeholders, parse_csv, parse_yaml
from accord.forecast.stakeholders import Stakeholders
from accord.io.bundled import bundled_names

__all__ = [
    "MODELS",
    "Forecast",
    "Model",
    "ModelConfig",
    "MonteCarloSummary",
    "Move",
    "Round",
    "RoundOutcome",
    "RunTask",
    "Stakeholders",
    "bundled_names",
    "eu_round",
    "forecast",
    "load_stakeholders",
    "model_names",
    "monte_carlo",
    "parse_csv",
    "parse_yaml",
    "run_model",
    "run_task",
    "weighted_mean",
    "weighted_median",
]
