"""Write a scenario in a chosen format and report what the target cannot express."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from accord.errors import OptionError
from accord.io.files import write_atomic
from accord.model import Scenario
from accord.wording import counted

TARGETS = ("accord", "genius", "geniusweb")
_NAMES = {"genius": "GENIUS", "geniusweb": "GeniusWeb"}


def _target_for(output: Path, to: str | None) -> str:
    if to is not None:
        if to not in TARGETS:
            raise OptionError(f"unknown target format '{to}'", parameter="to", fix=f"use one of {', '.join(TARGETS)}")
        return to
    if output.suffix.lower() in (".yaml", ".yml", ".json"):
        return "accord"
    raise OptionError(f"cannot tell the target format from '{output}'", parameter="output",
                      fix="name a .yaml/.json file, or give `to` genius|geniusweb with a folder")


def write_accord(scenario: Scenario, output: Path) -> list[Path]:
    """Accord YAML (or JSON when ``output`` ends in .json)."""
    from accord.io.accord_format import scenario_to_dict

    document = scenario_to_dict(scenario, distributions=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix.lower() == ".json":
        write_atomic(output, json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    else:
        write_atomic(output, yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110))
    return [output]


def uncertainty_lost(scenario: Scenario, target: str) -> list[str]:
    """What a target without distributions loses: the scenario's uncertainty (its written values stay)."""
    parameters = scenario.uncertainty.parameters
    if not parameters:
        return []
    shown = ", ".join(parameters[:3]) + (f" and {len(parameters) - 3} more" if len(parameters) > 3 else "")
    return [f"the distributions on {counted(len(parameters), 'number')} ({shown}) dropped: {_NAMES[target]} cannot state "
            "uncertainty, so only the written values (the point estimates) are kept"]


def convert(scenario: Scenario, output: Path, to: str | None = None) -> tuple[list[Path], list[str]]:
    """Write ``scenario`` to ``output``; return the files written and what was lost."""
    target = _target_for(output, to)
    if target == "accord":
        if output.suffix.lower() not in (".yaml", ".yml", ".json"):
            raise OptionError("an Accord scenario is written to a .yaml or .json file", parameter="output",
                              fix="end the output name in .yaml or .json")
        return write_accord(scenario, output), []
    if output.exists() and not output.is_dir():
        raise OptionError(f"'{output}' is a file; {target} scenarios are written to a folder", parameter="output",
                          fix="name a folder")
    output.mkdir(parents=True, exist_ok=True)
    before = set(output.iterdir())
    if target == "genius":
        from accord.io.genius import write_genius as writer
    else:
        from accord.io.geniusweb import write_geniusweb as writer
    losses = writer(scenario, output) + uncertainty_lost(scenario, target)
    written = sorted(set(output.iterdir()) - before) or sorted(output.iterdir())
    return written, losses
