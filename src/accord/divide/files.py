"""Read Adjusted Winner files (YAML, on disk or bundled).

Format::

    parties: [Japan, Russia]
    items:
      iturup: [40, 25]                      # points of the first party, then the second
      habomai: {points: [10, 5], description: Habomai islets}

Each party's points must be non-negative numbers with a positive total. They are **normalised** to sum to 100
(exactly), so any scale works; files that already sum to 100 are unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accord.errors import ScenarioError
from accord.io.bundled import bundled_data, resolve
from accord.io.files import parse_yaml, read_text


@dataclass(frozen=True)
class DivideProblem:
    """Two parties' points over named items, as written in the file (before normalising)."""

    parties: tuple[str, str]
    items: tuple[str, ...]
    points_a: tuple[float, ...]
    points_b: tuple[float, ...]
    descriptions: tuple[str, ...]
    title: str = ""


def load_divide(name: str, *, paths: bool = True) -> DivideProblem:
    """Load a divide file given by path or by bundled name (e.g. ``"kurils-divide"``); with ``paths`` false only
    a bundled name is accepted (a web request names no file)."""
    file = resolve(name, bundled_data(), "divide file", paths=paths, folders=False)
    suffix = file.suffix.lower()
    if suffix not in (".yaml", ".yml"):
        raise ScenarioError(f"unknown file type '{suffix}'", source=name, fix="use a .yaml divide file")
    return parse_divide(read_text(file), source=name)


def parse_divide(text: str, *, source: str) -> DivideProblem:
    """Parse and validate divide-file text."""
    data = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise ScenarioError("expected a mapping with 'parties' and 'items'", source=source, fix="see the docs")
    if "parties" not in data and ("issues" in data or "actors" in data):
        raise ScenarioError("this is a stakeholder file, not a divide file", source=source, fix="use 'accord forecast'")
    parties = data.get("parties")
    if not isinstance(parties, list) or len(parties) != 2 or not all(str(p).strip() for p in parties):
        raise ScenarioError("expected exactly two parties", source=source, where="parties", fix="write [A, B]")
    items = data.get("items")
    if not isinstance(items, dict) or not items:
        raise ScenarioError("no items", source=source, where="items", fix="map each item to [points A, points B]")
    names, a, b, descriptions = [], [], [], []
    for item, spec in items.items():
        where = f"items.{item}"
        points, description = _item(spec, where, source)
        names.append(str(item))
        a.append(points[0])
        b.append(points[1])
        descriptions.append(description)
    for party, column in zip(parties, (a, b)):
        if not math.isfinite(sum(column)):
            raise ScenarioError(
                f"{party}'s points add up to more than a computer number can hold", source=source, where="items",
                fix="rescale the points (they are normalised to 100 anyway)"
            )
        if not sum(column) > 0:
            raise ScenarioError(
                f"{party} gives no item any points", source=source, where="items", fix="give some item points"
            )
    return DivideProblem(
        (str(parties[0]), str(parties[1])), tuple(names), tuple(a), tuple(b), tuple(descriptions),
        str(data.get("title") or ""),
    )


def _item(spec: object, where: str, source: str) -> tuple[tuple[float, float], str]:
    description = ""
    if isinstance(spec, dict):
        description = str(spec.get("description") or "")
        spec = spec.get("points")
    if not isinstance(spec, list) or len(spec) != 2:
        raise ScenarioError("expected two points", source=source, where=where, fix="write [points A, points B]")
    values = []
    for value in spec:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan
        if not math.isfinite(number) or number < 0:
            raise ScenarioError(
                f"points must be non-negative numbers, not {value!r}", source=source, where=where, fix="use numbers >= 0"
            )
        values.append(float(number))
    return (values[0], values[1]), description
