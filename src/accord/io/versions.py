"""Which version of a scenario a page or report shows: a short content hash, and how far an edit strays.

The hash is over the scenario's Accord document (keys sorted), so the same preferences give the same version
whatever file or edit they came from.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from accord.io.accord_format import scenario_to_dict
from accord.model import Scenario

HASH_LENGTH = 10


def fingerprint(scenario: Scenario) -> str:
    """A short hex hash of the scenario's content (numbers compared as numbers: 1 and 1.0 hash alike)."""
    text = json.dumps(_canonical(scenario_to_dict(scenario)), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _canonical(document: Any) -> Any:
    if isinstance(document, dict):
        return {k: _canonical(v) for k, v in document.items()}
    if isinstance(document, (list, tuple)):
        return [_canonical(v) for v in document]
    if isinstance(document, (int, float)) and not isinstance(document, bool):
        return float(document) + 0.0  # + 0.0 turns -0.0 into 0.0
    return document


def count_changes(original: Any, edited: Any) -> int:
    """How many leaf values differ between two documents (a key on one side only counts once per leaf)."""
    if isinstance(original, dict) and isinstance(edited, dict):
        return sum(count_changes(original.get(k), edited.get(k)) for k in original.keys() | edited.keys())
    if isinstance(original, list) and isinstance(edited, list) and len(original) == len(edited):
        return sum(count_changes(a, b) for a, b in zip(original, edited))
    if isinstance(original, (dict, list)) or isinstance(edited, (dict, list)):
        return max(_leaves(original), _leaves(edited))
    return int(original != edited)


def _leaves(document: Any) -> int:
    if isinstance(document, dict):
        return sum(_leaves(v) for v in document.values())
    if isinstance(document, list):
        return sum(_leaves(v) for v in document)
    return 0 if document is None else 1


def describe(scenario: Scenario, original: Scenario | None = None) -> str:
    """One line naming the version: ``"trio, version 1a2b3c4d5e"`` or, for an edit of ``original``,
    ``"edited version of trio, 3 changes, version 9f8e7d6c5b"``."""
    version = fingerprint(scenario)
    if original is None:
        return f"{scenario.name}, version {version}"
    if fingerprint(original) == version:
        return f"{original.name} as given (no changes), version {version}"
    changes = count_changes(scenario_to_dict(original), scenario_to_dict(scenario))
    return (f"edited version of {original.name}, {changes} change{'s' if changes != 1 else ''}, "
            f"version {version}")


__all__ = ["count_changes", "describe", "fingerprint"]
