"""Accord: model, analyse, simulate and forecast negotiations.

The small public API::

    import accord
    scenario = accord.load("japan-russia-2019")
    analysis = accord.analyze(scenario)
"""

from accord.analysis import Analysis, Deal, analyze
from accord.errors import AccordError, InputError, OptionError, ScenarioError
from accord.io import bundled_scenarios, load
from accord.model import Issue, Party, Scenario

__version__ = "0.1.0"


def __getattr__(name: str):
    """The Accord-format functions, imported on first use."""
    if name in ("scenario_from_dict", "scenario_to_dict"):
        import accord.io

        return getattr(accord.io, name)
    raise AttributeError(name)

__all__ = [
    "AccordError", "Analysis", "Deal", "InputError", "Issue", "OptionError", "Party", "Scenario", "ScenarioError",
    "analyze", "bundled_scenarios", "load", "scenario_from_dict", "scenario_to_dict",
]
