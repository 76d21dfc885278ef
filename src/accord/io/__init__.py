"""File formats: Accord YAML/JSON, GENIUS XML, GeniusWeb JSON — adapters beside the model."""

from accord.io.accord_format import scenario_from_dict, scenario_to_dict
from accord.io.load import bundled_scenarios, load, load_many

__all__ = ["bundled_scenarios", "load", "load_many", "scenario_from_dict", "scenario_to_dict"]
