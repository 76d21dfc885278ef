"""Small scenario documents with distributions, shared by the robust tests."""

from __future__ import annotations

import copy

from accord.io.accord_format import scenario_from_dict

BASE = {
    "accord": 1, "name": "toy",
    "issues": [{"name": "a", "options": ["x", "y", "z"]}, {"name": "b", "options": ["p", "q"]},
               {"name": "c", "integers": {"low": 0, "high": 3}}],
    "parties": [
        {"name": "A", "reservation": 0.4,
         "utility": {"weights": {"a": 0.5, "b": 0.3, "c": 0.2},
                     "values": {"a": {"x": 1.0, "y": 0.5, "z": 0.0}, "b": {"p": 1.0, "q": 0.2},
                                "c": {"linear": {"slope": 0.3, "offset": 0.1}}}},
         "constituencies": [{"name": "A-parliament", "threshold": 0.5,
                             "utility": {"weights": {"a": 0.7, "b": 0.2, "c": 0.1},
                                         "values": {"a": {"x": 1.0, "y": 0.6, "z": 0.1}, "b": {"p": 0.8, "q": 0.4},
                                                    "c": {"constant": 0.5}}}}]},
        {"name": "B", "reservation": 0.45,
         "utility": {"weights": {"a": 0.4, "b": 0.4, "c": 0.2},
                     "values": {"a": {"x": 0.0, "y": 0.6, "z": 1.0}, "b": {"p": 0.3, "q": 1.0},
                                "c": {"triangular": {"low": 0, "top": 1, "high": 3}}}}},
    ],
}


def document(**changes) -> dict:
    """A copy of ``BASE`` with ``changes`` (dotted paths with [i] for lists) set."""
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        node, keys = data, path.replace("]", "").replace("[", ".").split(".")
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node[key]
        node[keys[-1]] = value
    return data


def scenario(**changes):
    return scenario_from_dict(document(**changes), "toy.yaml")


def wide(**extra):
    """Uncertain reservations, a threshold, a Dirichlet weight vector, an option value and a slope."""
    return scenario(**{
        "parties[0].reservation": {"value": 0.4, "uniform": [0.3, 0.5]},
        "parties[1].reservation": {"value": 0.45, "triangular": [0.35, 0.55]},
        "parties[0].constituencies[0].threshold": {"value": 0.5, "normal": {"sd": 0.1}},
        "parties[1].utility.weights": {"a": 0.4, "b": 0.4, "c": 0.2, "dirichlet": 30},
        "parties[0].utility.values.a.y": {"value": 0.5, "uniform": [0.2, 0.8]},
        "parties[0].utility.values.c.linear.slope": {"value": 0.3, "uniform": [0.1, 0.4]},
        **extra})


def zero_width():
    """Every kind of uncertain number, with a distribution of zero width at the written value."""
    return scenario(**{
        "parties[0].reservation": {"value": 0.4, "uniform": [0.4, 0.4]},
        "parties[1].reservation": {"value": 0.45, "triangular": [0.45, 0.45]},
        "parties[0].constituencies[0].threshold": {"value": 0.5, "uniform": [0.5, 0.5]},
        "parties[1].utility.weights.b": {"value": 0.4, "uniform": [0.4, 0.4]},
        "parties[0].utility.values.a.y": {"value": 0.5, "uniform": [0.5, 0.5]},
        "parties[0].utility.values.c.linear.slope": {"value": 0.3, "uniform": [0.3, 0.3]},
        "parties[1].utility.values.c.triangular.top": {"value": 1, "uniform": [1, 1]},
        "parties[0].constituencies[0].utility.values.c.constant": {"value": 0.5, "uniform": [0.5, 0.5]},
    })
