"""File formats: Accord YAML/JSON, GENIUS XML, GeniusWeb JSON — adapters beside the model."""

from accord.io.bundled import bundled_scenarios
from accord.io.load import load, load_many

__all__ = ["bundled_scenarios", "load", "load_many", "scenario_from_dict", "scenario_to_dict"]


def __getattr__(name: str):
    """The Accord-format functions, imported on first use (only Accord files need them)."""
    if name in ("scenario_from_dict", "scenario_to_dict"):
        from accord.io import accord_format

        return getattr(accord_format, name)
    raise AttributeError(name)
