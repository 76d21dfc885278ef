"""Writing GENIUS XML scenarios: a domain file and one preference profile per party, read back by
:mod:`accord.io.genius.read` (and GENIUS 10.4) to the same utilities; what GENIUS cannot express is reported."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from accord.errors import ScenarioError
from accord.io.files import write_atomic

from accord.io.foreign import file_stem, unique_stem, unsupported_losses
from accord.io.genius.read import DEFAULT_REAL_GRID
from accord.model import Constant, Issue, Linear, LinearAdditive, Party, RectangleSum, Scenario, Triangular


def _num(value: float) -> str:
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def write_genius(scenario: Scenario, folder: Path) -> list[str]:
    """Write ``scenario`` as GENIUS XML into ``folder``: ``<scenario>-domain.xml`` and one
    ``<scenario>-<party>.xml`` per party. Return what GENIUS cannot express (empty when nothing is lost)."""
    _check_names(scenario)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    losses: list[str] = []
    forms = [_issue_form(position, issue, scenario, losses) for position, issue in enumerate(scenario.issues)]
    base = file_stem(scenario.name)
    domain = ET.Element("negotiation_template")
    space = ET.SubElement(domain, "utility_space", number_of_issues=str(len(scenario.issues)))
    root = ET.SubElement(space, "objective", index="0", etype="objective", type="objective", description="",
                         name="root")
    for position, issue in enumerate(scenario.issues):
        root.append(_issue_element(position, issue, forms[position]))
    _write_xml(domain, folder / f"{base}-domain.xml")
    used = {f"{base}-domain".lower()}
    for party in scenario.parties:
        stem = unique_stem(f"{base}-{file_stem(party.name)}", used)
        _write_xml(_profile_element(scenario, party, forms, losses), folder / f"{stem}.xml")
    losses += unsupported_losses(scenario, "GENIUS", file_prefix=f"{base}-")
    for party in scenario.parties:
        if party.reservation_outcome is not None:
            losses.append(f"party '{party.name}': reservation outcome {dict(party.reservation_outcome)} dropped; "
                          f"its reservation value {party.reservation:g} is kept")
    return losses


def _issue_form(position: int, issue: Issue, scenario: Scenario, losses: list[str]) -> str:
    """``discrete``, ``integer`` or ``real``: a numeric issue becomes discrete when some party's value function
    on it has no GENIUS evaluator (a table, or a triangle on an integer issue)."""
    if issue.kind == "categorical":
        return "discrete"
    grid_ok = issue.kind != "real" or _is_even_grid(issue)
    for party in scenario.parties:
        if not isinstance(party.utility, LinearAdditive):
            continue
        function = party.utility.functions[position]
        allowed = (Linear, Constant) if issue.kind == "integer" else (Linear, Constant, Triangular)
        if not isinstance(function, allowed) or not grid_ok:
            why = (f"party '{party.name}' values it with a {type(function).__name__.lower()}" if grid_ok
                   else "its points are not an even grid")
            losses.append(f"issue '{issue.name}' ({issue.kind}) written as a discrete issue with values "
                          f"{[_num(v) for v in issue.values][:6]}{'...' if issue.size > 6 else ''} because {why}; "
                          "read back, it is a categorical issue")
            return "discrete"
    if issue.kind == "real" and issue.grid != DEFAULT_REAL_GRID:
        losses.append(f"issue '{issue.name}': GENIUS real issues are continuous; the grid of {issue.grid} points is "
                      f"not stored: read back, it is enumerated on {DEFAULT_REAL_GRID} points (in Python, "
                      f"accord.io.genius.read_genius(paths, real_grid={issue.grid}) gets the grid again)")
    return issue.kind


def _is_even_grid(issue: Issue) -> bool:
    if issue.grid is None or issue.low is None or issue.high is None or issue.grid < 2:
        return False
    expected = Issue.real(issue.name, issue.low, issue.high, issue.grid).values
    return len(expected) == issue.size and all(abs(a - b) <= 1e-12 * max(1.0, abs(a))
                                               for a, b in zip(expected, issue.values))


def _labels(issue: Issue) -> list[str]:
    if issue.kind == "categorical":
        return [str(v) for v in issue.values]
    return [_num(v) for v in issue.values]


def _issue_element(position: int, issue: Issue, form: str) -> ET.Element:
    attributes = {"index": str(position + 1), "name": issue.name, "etype": form, "type": form, "vtype": form}
    if form == "integer":
        attributes.update(lowerbound=str(int(issue.low)), upperbound=str(int(issue.high)))
    element = ET.Element("issue", attributes)
    if form == "discrete":
        for n, label in enumerate(_labels(issue)):
            ET.SubElement(element, "item", index=str(n + 1), value=label)
    elif form == "real":
        ET.SubElement(element, "range", lowerbound=_num(issue.low), upperbound=_num(issue.high))
    return element


def _profile_element(scenario: Scenario, party: Party, forms: list[str], losses: list[str]) -> ET.Element:
    utility = party.utility
    space = ET.Element("utility_space")
    if isinstance(utility, RectangleSum):
        space.set("type", "nonlinear")
    root = ET.SubElement(space, "objective", index="0", etype="objective", type="objective", description="",
                         name="root")
    weights: list[float] = []
    for position, issue in enumerate(scenario.issues):
        element = _issue_element(position, issue, forms[position])
        if isinstance(utility, LinearAdditive):
            weights.append(_write_function(element, issue, forms[position], utility.weights[position],
                                           utility.functions[position]))
        root.append(element)
    if isinstance(utility, LinearAdditive):
        for position, weight in enumerate(weights):
            ET.SubElement(root, "weight", index=str(position + 1), value=repr(float(weight)))
    else:
        holder = ET.SubElement(root, "utility", maxutility=repr(float(utility.normalizer)))
        ufun = ET.SubElement(holder, "ufun", type="PlainUfun", weight="1", aggregation="sum")
        for rectangle in utility.rectangles:
            box = ET.SubElement(ufun, "hyperRectangle", utility=repr(float(rectangle.utility)))
            for position, low, high in rectangle.bounds:
                ET.SubElement(box, "EXCLUDES" if rectangle.exclusive else "INCLUDES", index=str(position + 1), min=_num(low), max=_num(high))
    ET.SubElement(space, "reservation", value=repr(float(party.reservation)))
    if party.discount is not None:
        ET.SubElement(space, "discount_factor", value=repr(float(party.discount)))
    return space


def _write_function(element: ET.Element, issue: Issue, form: str, weight: float, function) -> float:
    """Add the evaluation of ``function`` to the issue ``element``; return the weight to write.

    Discrete evaluations are written scaled to a maximum of 1 and the scale is moved into the weight, so
    GENIUS's division by the largest evaluation gives back exactly the same utilities.
    """
    if form == "discrete":
        table = [float(v) for v in function.evaluate(issue)]
        top = max(table) if table else 0.0
        scaled = [v / top for v in table] if top > 0 else [0.0 for _ in table]
        for item, value in zip(element.findall("item"), scaled):
            item.set("evaluation", repr(value))
        return weight * top if top > 0 else weight
    if form == "integer":
        if isinstance(function, Constant):
            slope, offset = 0.0, float(function.value)
        else:
            slope, offset = function.slope, function.offset + function.slope * (issue.low - function.origin)
        ET.SubElement(element, "evaluator", ftype="linear", slope=repr(float(slope)), offset=repr(float(offset)))
        return weight
    if isinstance(function, Constant):
        ET.SubElement(element, "evaluator", ftype="constant", parameter0=repr(float(function.value)))
    elif isinstance(function, Triangular):
        ET.SubElement(element, "evaluator", ftype="triangular", parameter0=repr(float(function.low)),
                      parameter1=repr(float(function.high)), parameter2=repr(float(function.top)))
    else:
        offset = function.offset - function.slope * function.origin
        ET.SubElement(element, "evaluator", ftype="linear", parameter0=repr(float(offset)),
                      parameter1=repr(float(function.slope)))
    return weight


def _write_xml(element: ET.Element, path: Path) -> None:
    tree = ET.ElementTree(element)
    ET.indent(tree)
    buffer = io.BytesIO()
    tree.write(buffer, encoding="utf-8", xml_declaration=True)
    write_atomic(path, buffer.getvalue())


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, not even as a character reference."""


def _check_names(scenario: Scenario) -> None:
    """Refuse a name or value that XML cannot hold (a control character): GENIUS could not read the files."""
    texts = [("scenario name", scenario.name)]
    for issue in scenario.issues:
        texts.append((f"issue '{issue.name}'", issue.name))
        if issue.kind == "categorical":
            texts += [(f"option {value!r} of issue '{issue.name}'", str(value)) for value in issue.values]
    for label, text in texts:
        match = _NOT_XML.search(text)
        if match:
            raise ScenarioError(f"the {label} holds the character U+{ord(match.group()):04X}, which XML cannot hold",
                                source=scenario.name, fix="rename it without control characters")
