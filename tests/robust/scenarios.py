"""Small scenario documents with distributions, shared by the robust tests."""

from __future__ import annotations

import copy

import numpy as np

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


def random_scenario(seed: int):
    """A small random scenario whose options are often dominated issue by issue (values from a coarse grid, so
    ties and equal options occur too), with uncertain reservations, weights (sometimes allowed to reach 0),
    option values and, for some seeds, a constituency, a constraint or a value-function parameter."""
    rng = np.random.default_rng(seed)
    n_issues, n_parties = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    issues = [{"name": f"i{k}", "options": [f"o{v}" for v in range(int(rng.integers(2, 5)))]}
              for k in range(n_issues)]
    grid = np.linspace(0, 1, int(rng.integers(3, 6)))
    parties = []
    for j in range(n_parties):
        weights = rng.dirichlet(np.ones(n_issues))
        values = {i["name"]: {o: float(rng.choice(grid)) for o in i["options"]} for i in issues}
        reservation = float(np.round(rng.uniform(0.1, 0.5), 2))
        party = {"name": f"P{j}", "reservation": {"value": reservation,
                                                  "uniform": [reservation - 0.1, reservation + 0.1]},
                 "utility": {"weights": {i["name"]: float(w) for i, w in zip(issues, weights)}, "values": values}}
        kind = rng.integers(0, 4)
        if kind == 0:
            party["utility"]["weights"]["dirichlet"] = float(rng.choice([5.0, 200.0]))
        elif kind == 1:  # one weight whose range reaches 0
            name = issues[0]["name"]
            w = party["utility"]["weights"][name]
            party["utility"]["weights"][name] = {"value": w, "uniform": [0.0, w]}
        elif kind == 2:  # an uncertain option value
            option = issues[-1]["options"][0]
            v = values[issues[-1]["name"]][option]
            values[issues[-1]["name"]][option] = {"value": v, "uniform": [max(0.0, v - 0.3), min(1.0, v + 0.3)]}
        else:  # a weight of exactly 0: its options tie for the party whatever their values
            weights = party["utility"]["weights"]
            weights[issues[0]["name"]] = 0.0
            rest = sum(weights.values())
            weights.update({k: w / rest for k, w in weights.items()})
        if j == 0 and seed % 3 == 0:
            party["constituencies"] = [{"name": "C", "threshold": {"value": 0.3, "uniform": [0.1, 0.5]},
                                        "utility": {"weights": {i["name"]: 1 / n_issues for i in issues},
                                                    "values": {i["name"]: {o: float(rng.choice(grid))
                                                                           for o in i["options"]} for i in issues}}}]
        parties.append(party)
    document = {"accord": 1, "name": f"random-{seed}", "issues": issues, "parties": parties}
    if seed % 5 == 4:
        document["constraints"] = [{"forbid": {issues[0]["name"]: [issues[0]["options"][0]],
                                               issues[1]["name"]: [issues[1]["options"][0]]}}]
    if seed % 7 == 6:
        issues.append({"name": "n", "integers": {"low": 0, "high": 2}})
        owners = parties + [c for p in parties for c in p.get("constituencies", [])]
        for utility in [owner["utility"] for owner in owners]:
            utility["values"]["n"] = {"linear": {"slope": 0.5, "offset": 0.0}}
            utility["weights"]["n"] = 0.0
        parties[0]["utility"]["values"]["n"] = {"linear": {"slope": {"value": 0.5, "uniform": [0.2, 0.5]},
                                                           "offset": 0.0}}
    return scenario_from_dict(document, f"random-{seed}.yaml")
