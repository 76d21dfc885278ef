"""The distribution syntax of Accord scenario files.

Any number may carry a distribution beside its value; the value stays the point estimate::

    reservation: {value: 0.45, uniform: [0.40, 0.50]}
    threshold:   {value: 0.75, normal: {sd: 0.05}}          # truncated to the field's valid range
    habomai:     {value: 0.9, triangular: [0.8, 1.0]}        # low, high; the value is the mode
    weights:     {sovereignty: 0.5, security: 0.3, economy: 0.2, dirichlet: 50}

:func:`split_uncertainty` takes the distributions out of a parsed document (so the rest of the reader sees
plain numbers) and :func:`uncertainty_of` checks them, naming each bad one by its field.
"""

from __future__ import annotations

import math
import re
from typing import Any

from accord.errors import ScenarioError
from accord.model import Dirichlet, TriangularDistribution, TruncatedNormal, Uncertainty, Uniform

KINDS = ("uniform", "normal", "triangular")
_UTILITY = r"parties\[\d+\](?:\.constituencies\[\d+\])?\.utility"
_UNIT = (0.0, 1.0)
_FREE = (-math.inf, math.inf)
# Where a distribution may stand, and the range its draws must stay in.
_PLACES: tuple[tuple[re.Pattern, tuple[float, float]], ...] = tuple((re.compile(pattern + r"\Z"), bounds) for pattern, bounds in (
    (r"parties\[\d+\]\.reservation", _UNIT),
    (r"parties\[\d+\]\.constituencies\[\d+\]\.threshold", _UNIT),
    (_UTILITY + r"\.weights\.[^.]+", (0.0, math.inf)),
    (_UTILITY + r"\.values\.[^.]+\.(?:linear\.(?:slope|offset)|triangular\.(?:low|top|high))", _FREE),
    (_UTILITY + r"\.values\.[^.]+\.[^.]+", _UNIT),
))
_WEIGHTS = re.compile(_UTILITY + r"\.weights\Z")
_PLACES_FIX = "put distributions on reservations, thresholds, weights, option values or value-function parameters"


def _is_distribution(node: Any) -> bool:
    return isinstance(node, dict) and "value" in node and any(k in node for k in KINDS) and \
        set(node) <= {"value", *KINDS}


def split_uncertainty(document: Any) -> tuple[Any, list[tuple[str, dict]]]:
    """``(document with every distribution replaced by its value, [(path, distribution spec)])``. A weight
    mapping's ``dirichlet`` is listed as ``{"dirichlet": c, "weights": {...}}`` at the mapping's path."""
    found: list[tuple[str, dict]] = []

    def walk(node: Any, path: str) -> Any:
        if _is_distribution(node):
            found.append((path, node))
            return node["value"]
        if isinstance(node, dict):
            if "dirichlet" in node and _WEIGHTS.match(path):
                weights = {k: walk(v, f"{path}.{k}") for k, v in node.items() if k != "dirichlet"}
                found.append((path, {"dirichlet": node["dirichlet"], "weights": weights}))
                return weights
            return {k: walk(v, f"{path}.{k}" if path else str(k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{path}[{n}]") for n, v in enumerate(node)]
        return node

    return walk(document, ""), found


def _number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _pair(spec: Any) -> tuple[float, float] | None:
    if isinstance(spec, list) and len(spec) == 2 and all(_number(x) for x in spec) and spec[0] <= spec[1]:
        return float(spec[0]), float(spec[1])
    return None


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[ScenarioError] = []

    def error(self, where: str, message: str, fix: str) -> None:
        self.errors.append(ScenarioError(message, source=self.source, where=where, fix=fix))

    def scalar(self, path: str, spec: dict):
        bounds = next((b for pattern, b in _PLACES if pattern.match(path)), None)
        if bounds is None:
            self.error(path, "a distribution is not allowed here", _PLACES_FIX)
            return None
        kinds = [k for k in KINDS if k in spec]
        if len(kinds) != 1:
            self.error(path, f"give one distribution, not {' and '.join(kinds)}", "keep one of them")
            return None
        kind, value = kinds[0], spec["value"]
        where = f"{path}.{kind}"
        if not _number(value):
            return None  # the reader reports the value itself
        low, high = bounds
        if kind == "normal":
            sd = spec["normal"].get("sd") if isinstance(spec["normal"], dict) else None
            if not isinstance(spec["normal"], dict) or set(spec["normal"]) != {"sd"} or not _number(sd):
                self.error(where, "expected {sd: NUMBER}", "write e.g. normal: {sd: 0.05}")
            elif sd <= 0:
                self.error(f"{where}.sd", f"sd must be > 0, got {sd:g}", "give a positive standard deviation")
            else:
                return TruncatedNormal(float(value), float(sd), low, high)
            return None
        pair = _pair(spec[kind])
        if pair is None:
            self.error(where, "expected [LOW, HIGH] with LOW ≤ HIGH", f"write e.g. {kind}: [0.4, 0.5]")
        elif not pair[0] <= value <= pair[1]:
            self.error(where, f"the range [{pair[0]:g}, {pair[1]:g}] excludes the value {value:g}",
                       "widen the range or change the value")
        elif pair[0] < low or pair[1] > high:
            self.error(where, f"the range [{pair[0]:g}, {pair[1]:g}] leaves [{low:g}, {high:g}]",
                       "keep the range inside the field's valid values")
        elif kind == "uniform":
            return Uniform(*pair)
        else:
            return TriangularDistribution(pair[0], float(value), pair[1])
        return None

    def dirichlet(self, path: str, spec: dict):
        concentration, weights = spec["dirichlet"], spec["weights"]
        if not _number(concentration) or concentration <= 0:
            self.error(f"{path}.dirichlet", f"the concentration must be a number > 0, got {concentration!r}",
                       "give e.g. dirichlet: 50 (larger is tighter)")
            return None
        if not all(_number(w) for w in weights.values()):
            return None  # the reader reports the weights
        return Dirichlet(tuple(float(w) for w in weights.values()), float(concentration), tuple(weights))


def uncertainty_of(found: list[tuple[str, dict]], source: str) -> tuple[Uncertainty, list[ScenarioError]]:
    """The checked distributions of :func:`split_uncertainty`, and an error for every bad one."""
    reader = _Reader(source)
    vectors = {path for path, spec in found if "dirichlet" in spec and "value" not in spec}
    pairs = []
    for path, spec in found:
        if path in vectors:
            distribution = reader.dirichlet(path, spec)
        elif path.rpartition(".")[0] in vectors:
            reader.error(path, "this weight is in a vector with a Dirichlet distribution",
                         "give the Dirichlet or distributions on single weights, not both")
            continue
        else:
            distribution = reader.scalar(path, spec)
        if distribution is not None:
            pairs.append((path, distribution))
    return Uncertainty(tuple(pairs)), reader.errors


def _spec(distribution) -> dict:
    """The document form of one scalar distribution (the value goes beside it)."""
    if isinstance(distribution, Uniform):
        return {"uniform": [distribution.low, distribution.high]}
    if isinstance(distribution, TruncatedNormal):
        return {"normal": {"sd": distribution.sd}}
    return {"triangular": [distribution.low, distribution.high]}


def _locate(document: Any, path: str) -> tuple[Any, Any]:
    """``(container, key)`` of the node at ``path`` (as :func:`split_uncertainty` names it). Keys may hold dots,
    so at a mapping the longest key that the path continues with wins."""
    node, rest = document, path
    while True:
        if isinstance(node, list):
            match = re.match(r"\[(\d+)\]", rest)
            key, rest = int(match[1]), rest[match.end():]
        else:
            keys = sorted((k for k in node if rest == str(k) or rest.startswith(f"{k}.") or rest.startswith(f"{k}[")),
                          key=lambda k: len(str(k)), reverse=True)
            if not keys:
                raise KeyError(path)
            key, rest = keys[0], rest[len(str(keys[0])):]
        if not rest:
            return node, key
        node, rest = node[key], rest.removeprefix(".")


def with_uncertainty(document: dict, uncertainty: Uncertainty) -> dict:
    """``document`` with every distribution of ``uncertainty`` written beside its number (the inverse of
    :func:`split_uncertainty`): ``{value: x, uniform: [...]}``, or ``dirichlet: c`` in a weight mapping.
    Changes ``document`` in place and returns it."""
    for path, distribution in uncertainty.distributions:
        container, key = _locate(document, path)
        if isinstance(distribution, Dirichlet):
            container[key]["dirichlet"] = distribution.concentration
        else:
            container[key] = {"value": container[key], **_spec(distribution)}
    return document
