"""Multi-stakeholder forecasting (compromise, weighted median, expected utility, Monte Carlo) and fair division."""

from accord.forecast.adjusted_winner import Division, adjusted_winner, normalise
from accord.forecast.bundled import bundled_names
from accord.forecast.compromise import weighted_mean, weighted_median
from accord.forecast.divide_files import DivideProblem, load_divide, parse_divide
from accord.forecast.expected_utility import Move, RoundOutcome, eu_round
from accord.forecast.models import MODELS, Forecast, Model, ModelConfig, Round, forecast, model_names, run_model
from accord.forecast.monte_carlo import MonteCarloSummary, RunTask, monte_carlo, run_task
from accord.forecast.stakeholder_files import load_stakeholders, parse_csv, parse_yaml
from accord.forecast.stakeholders import Stakeholders

__all__ = [
    "MODELS",
    "DivideProblem",
    "Division",
    "Forecast",
    "Model",
    "ModelConfig",
    "MonteCarloSummary",
    "Move",
    "Round",
    "RoundOutcome",
    "RunTask",
    "Stakeholders",
    "adjusted_winner",
    "bundled_names",
    "eu_round",
    "forecast",
    "load_divide",
    "load_stakeholders",
    "model_names",
    "monte_carlo",
    "normalise",
    "parse_csv",
    "parse_divide",
    "parse_yaml",
    "run_model",
    "run_task",
    "weighted_mean",
    "weighted_median",
]
