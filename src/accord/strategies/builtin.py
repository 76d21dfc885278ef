"""Import every built-in strategy module so that each registers itself."""

from accord.strategies import opponent_model, simple, time_dependent, tit_for_tat  # noqa: F401
