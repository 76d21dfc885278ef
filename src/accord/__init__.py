"""Accord: model, analyse, simulate and forecast negotiations.

The small public API::

    import accord
    scenario = accord.load("japan-russia-2019")
    analysis = accord.analyze(scenario)

Names are imported on first use, so that ``import accord.errors`` (and the command line's start-up) does not
load numpy, YAML and pydantic.
"""

import importlib

__version__ = "0.1.0"

_HOMES = {
    "Analysis": "accord.analysis", "Deal": "accord.analysis", "analyze": "accord.analysis",
    "AccordError": "accord.errors", "InputError": "accord.errors", "OptionError": "accord.errors",
    "ScenarioError": "accord.errors",
    "bundled_scenarios": "accord.io", "load": "accord.io", "scenario_from_dict": "accord.io",
    "scenario_to_dict": "accord.io",
    "Issue": "accord.model", "Party": "accord.model", "Scenario": "accord.model",
}


def __getattr__(name: str):
    """A public name, imported from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'accord' has no attribute '{name}'")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "AccordError", "Analysis", "Deal", "InputError", "Issue", "OptionError", "Party", "Scenario", "ScenarioError",
    "analyze", "bundled_scenarios", "load", "scenario_from_dict", "scenario_to_dict",
]
