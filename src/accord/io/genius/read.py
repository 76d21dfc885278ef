"""Reading GENIUS XML scenarios (ANAC 2010–2019): a domain file plus one preference profile per party.

Semantics follow ``shared/FORMATS.md`` §1 (GENIUS 10.4):

* discrete evaluations are divided by the issue's largest evaluation (0 when that is below 1e-5);
* integer issues use ``clamp(offset + slope·(v − lowerbound), 0, 1)``; real issues ``linear`` (no shift),
  ``constant`` or ``triangular`` evaluators, enumerated on a grid of ``real_grid`` points;
* weights as written (never renormalised), matched to issues by ``<weight index>`` ↔ ``issue@index``;
  the total is clipped at 1;
* ``nonlinear`` (ANAC 2014) spaces: the sum of the ``utility`` of every hyperRectangle that contains the
  outcome, divided by ``maxutility``;
* discount ≤ 0 or > 1 → none; reservation 0 when absent.

Domain and profile files are told apart by content: a profile has weights, evaluations, evaluators or
hyperRectangles; a domain has none of them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from accord.errors import OptionError, ScenarioError
from accord.io.files import check_digits, finite_number, scenario_files
from accord.io.foreign import check_parts
from accord.io.xml_safe import XmlDocument, looks_like_xml, parse_xml, read_bytes
from accord.model import (
    Constant,
    Issue,
    Linear,
    LinearAdditive,
    Party,
    Rectangle,
    RectangleSum,
    Scenario,
    Table,
    Triangular,
)
from accord.model.issues import MAX_ISSUE_VALUES, TooManyValues

DEFAULT_REAL_GRID = 11
ZERO_MAX_EVALUATION = 1e-5


@dataclass(frozen=True)
class _DomainIssue:
    index: int
    issue: Issue
    element: ET.Element


def read_genius(paths: list[Path], *, real_grid: int = DEFAULT_REAL_GRID) -> Scenario:
    """Read a GENIUS scenario: one folder, or a domain file plus profile files (party order = file order).

    Real issues are enumerated on ``real_grid`` evenly spaced points (say so in ``scenario.notes``).
    """
    if real_grid < 2:
        raise OptionError(f"must be at least 2 (got {real_grid})", parameter="real_grid",
                          fix="give 11 or more")
    if real_grid > MAX_ISSUE_VALUES:
        raise OptionError(f"must be at most {MAX_ISSUE_VALUES:,} (got {real_grid:,})", parameter="real_grid",
                          fix="give a smaller grid")
    notes: list[str] = []
    given = scenario_files(paths, ".xml")
    source = given.source
    name = given.folder.name if given.folder else None
    documents = _folder_documents(given.files, notes) if given.folder else [parse_xml(p) for p in given.files]
    domains = [d for d in documents if not _is_profile(d)]
    profiles = [d for d in documents if _is_profile(d)]
    check_parts(source, [d.path for d in domains], len(profiles),
                "preference profile (a file with weights and evaluations)", domain_required=True)
    domain = domains[0]
    issues = _read_domain(domain, real_grid, notes)
    parties = tuple(_read_profile(profile, issues, notes) for profile in profiles)
    return Scenario(name or domain.path.stem, tuple(i.issue for i in issues), parties, notes=tuple(notes))


def _folder_documents(paths: list[Path], notes: list[str]) -> list[XmlDocument]:
    """A folder's XML documents; files that are not XML are skipped with a note."""
    documents = []
    for path in paths:
        data = read_bytes(path)
        if not looks_like_xml(data):
            notes.append(skipped_note(path.name))
            continue
        documents.append(parse_xml(path, data))
    return documents


def skipped_note(name: str) -> str:
    """The note on a file of a GENIUS folder that is not XML (read from disk or uploaded). GENIUS folders often hold ``pareto.xml``: lines of
    comma-separated utilities, GENIUS's precomputed Pareto frontier, despite its name not XML (Accord computes the
    frontier itself)."""
    if name.lower() == "pareto.xml":
        return (f"skipped {name}: GENIUS's precomputed Pareto frontier (lines of utilities), not a domain or "
                "profile; Accord computes the frontier itself")
    return f"skipped {name}: not an XML file"


def _utility_space(document: XmlDocument) -> ET.Element:
    root = document.root
    if root.tag == "utility_space":
        return root
    if root.tag == "negotiation_template":
        space = root.find("utility_space")
        if space is not None:
            return space
    raise ScenarioError(f"not a GENIUS file (top element <{root.tag}>, no <utility_space>)",
                        source=str(document.path), where=document.where(root, f"<{root.tag}>"),
                        fix="give a GENIUS domain or profile file")


def _is_profile(document: XmlDocument) -> bool:
    space = _utility_space(document)
    if space.get("type", "").lower() == "nonlinear" or space.find(".//hyperRectangle") is not None:
        return True
    if space.find(".//weight") is not None or space.find(".//issue/evaluator") is not None:
        return True
    return any("evaluation" in item.attrib for item in space.findall(".//issue/item"))


def _issues_in_order(space: ET.Element) -> list[ET.Element]:
    """Issue elements in document order (objectives may nest), skipping similarity/criteria sub-trees."""
    found: list[ET.Element] = []

    stack = [iter(space.findall("objective"))]  # a loop, not recursion: objectives may nest without limit
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == "issue":
            found.append(child)
        elif child.tag == "objective":
            stack.append(iter(child))
    return found


class _Fields:
    """Reads typed attributes of one file, turning every problem into a located ``ScenarioError``."""

    def __init__(self, document: XmlDocument) -> None:
        self.document = document

    def error(self, element: ET.Element, place: str, message: str, fix: str = "") -> ScenarioError:
        return ScenarioError(message, source=str(self.document.path), where=self.document.where(element, place),
                             fix=fix)

    def text(self, element: ET.Element, attribute: str, place: str) -> str:
        value = element.get(attribute)
        if value is None:
            raise self.error(element, place, f"missing attribute '{attribute}'",
                             f"add {attribute}=\"...\" to the <{element.tag}> element")
        return value

    def number(self, element: ET.Element, attribute: str, place: str, default: float | None = None) -> float:
        if attribute not in element.attrib and default is not None:
            return default
        raw = self.text(element, attribute, place)
        return self.parsed(element, raw, f"attribute '{attribute}'", place)

    def parsed(self, element: ET.Element, raw: str, what: str, place: str) -> float:
        """The finite number ``raw``; a located error for text, over-long and non-finite numbers."""
        where = self.document.where(element, place)
        try:
            value = finite_number(raw, str(self.document.path), where)
        except ScenarioError as error:
            raise self.error(element, place, f"{what}: {error.message}", error.fix) from None
        if value is None:
            shown = raw.strip() if len(raw) <= 40 else raw.strip()[:40] + "..."
            raise self.error(element, place, f"{what} is not a number ('{shown}')", "write a decimal number")
        return value

    def integer(self, element: ET.Element, attribute: str, place: str) -> int:
        raw = self.text(element, attribute, place)
        check_digits(raw, str(self.document.path), self.document.where(element, place))
        try:
            return int(raw.strip())
        except ValueError:
            value = self.number(element, attribute, place)
            if value != int(value):
                raise self.error(element, place, f"attribute '{attribute}' is not an integer ('{raw}')",
                                 "write a whole number") from None
            return int(value)


def _issue_kind(element: ET.Element) -> str:
    kind = element.get("type")
    if kind is None:
        return "discrete"
    return kind.strip().lower()


def _issue_label(element: ET.Element) -> str:
    return f"issue '{element.get('name', '?')}' (index {element.get('index', '?')})"


def _read_domain(document: XmlDocument, real_grid: int, notes: list[str]) -> list[_DomainIssue]:
    fields = _Fields(document)
    space = _utility_space(document)
    elements = _issues_in_order(space)
    if not elements:
        raise fields.error(space, "<utility_space>", "the domain has no issues",
                           "put <issue> elements inside the root <objective>")
    issues: list[_DomainIssue] = []
    seen_index: dict[int, str] = {}
    seen_name: set[str] = set()
    for element in elements:
        place = _issue_label(element)
        index = fields.integer(element, "index", place)
        name = fields.text(element, "name", place)
        if index in seen_index:
            raise fields.error(element, place, f"index {index} is also used by issue '{seen_index[index]}'",
                               "give every issue its own index")
        if name in seen_name:
            raise fields.error(element, place, f"duplicate issue name '{name}'", "give every issue its own name")
        seen_index[index] = name
        seen_name.add(name)
        issues.append(_DomainIssue(index, _domain_issue(fields, element, name, place, real_grid, notes), element))
    return issues


def _domain_issue(fields: _Fields, element: ET.Element, name: str, place: str, real_grid: int,
                  notes: list[str]) -> Issue:
    kind = _issue_kind(element)
    if kind == "discrete":
        values = [fields.text(item, "value", f"{place}, item {item.get('index', '?')}")
                  for item in element.findall("item")]
        if not values:
            raise fields.error(element, place, "a discrete issue needs at least one <item>",
                               "add <item index=\"1\" value=\"...\"/> elements")
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise fields.error(element, place, f"duplicate item value(s) {duplicates}", "give every item its own value")
        return Issue.categorical(name, values)
    if kind == "integer":
        low = fields.integer(element, "lowerbound", place)
        high = fields.integer(element, "upperbound", place)
        if high < low:
            raise fields.error(element, place, f"upperbound {high} is below lowerbound {low}", "swap the bounds")
        try:
            return Issue.integer(name, low, high)
        except TooManyValues as error:
            raise fields.error(element, place, f"the issue would have {error}", "use a smaller range") from None
    if kind == "real":
        holder = element.find("range")
        if holder is None:
            holder = element
        low = fields.number(holder, "lowerbound", place)
        high = fields.number(holder, "upperbound", place)
        if high < low:
            raise fields.error(holder, place, f"upperbound {high} is below lowerbound {low}", "swap the bounds")
        notes.append(f"real issue '{name}' [{low:g}, {high:g}] is enumerated on {real_grid} evenly spaced points")
        return Issue.real(name, low, high, real_grid)
    raise fields.error(element, place, f"unknown issue type '{kind}'", "use discrete, integer or real")


def _read_profile(document: XmlDocument, issues: list[_DomainIssue], notes: list[str]) -> Party:
    fields = _Fields(document)
    space = _utility_space(document)
    party = document.path.stem
    by_index = _match_issues(fields, space, issues)
    kind = space.get("type", "").strip().lower()
    if kind == "uncertain":
        notes.append(f"party '{party}': preference-uncertainty profile (UNCERTAIN); its underlying additive "
                     "profile is used")
    if kind == "nonlinear" or space.find(".//hyperRectangle") is not None:
        utility = _rectangles(fields, space, issues)
    else:
        utility = _additive(fields, space, issues, by_index, party, notes)
    return Party(party, utility, _reservation(fields, space), _discount(fields, space))


def _match_issues(fields: _Fields, space: ET.Element, issues: list[_DomainIssue]) -> dict[int, ET.Element]:
    """The profile's issue elements by index, checked against the domain's issues."""
    found: dict[int, ET.Element] = {}
    for element in _issues_in_order(space):
        place = _issue_label(element)
        index = fields.integer(element, "index", place)
        found[index] = element
    domain_indices = {d.index for d in issues}
    for index, element in found.items():
        if index not in domain_indices:
            raise fields.error(element, _issue_label(element), "this issue is not in the domain",
                               "use the profile that belongs to this domain")
    for domain_issue in issues:
        element = found.get(domain_issue.index)
        name = domain_issue.issue.name
        if element is None:
            raise fields.error(space, f"issue '{name}' (index {domain_issue.index})",
                               "the profile does not define this domain issue",
                               "use the profile that belongs to this domain")
        place = _issue_label(element)
        if element.get("name") != name:
            raise fields.error(element, place, f"the domain calls issue {domain_issue.index} '{name}'",
                               "use the profile that belongs to this domain")
        expected = domain_issue.issue.kind
        kind = {"categorical": "discrete"}.get(expected, expected)
        if _issue_kind(element) != kind:
            raise fields.error(element, place, f"type '{_issue_kind(element)}' but the domain says '{kind}'",
                               "use the profile that belongs to this domain")
    return found


def _additive(fields: _Fields, space: ET.Element, issues: list[_DomainIssue], by_index: dict[int, ET.Element],
              party: str, notes: list[str]) -> LinearAdditive:
    weights_by_index: dict[int, float] = {}
    for weight in space.iter("weight"):
        index = fields.integer(weight, "index", f"weight {weight.get('index', '?')}")
        place = f"weight {index}"
        if index in weights_by_index:
            raise fields.error(weight, place, "a second weight for the same index", "keep one <weight> per index")
        value = fields.number(weight, "value", place)
        if value < 0:
            raise fields.error(weight, place, f"negative weight {value:g}", "use a weight ≥ 0")
        weights_by_index[index] = value
    weights, functions = [], []
    for domain_issue in issues:
        element = by_index[domain_issue.index]
        place = _issue_label(element)
        if domain_issue.index not in weights_by_index:
            raise fields.error(element, place, f"no <weight index=\"{domain_issue.index}\"> for this issue",
                               "add a weight for every issue")
        weights.append(weights_by_index[domain_issue.index])
        functions.append(_value_function(fields, element, domain_issue.issue, place, party, notes))
    return LinearAdditive(tuple(weights), tuple(functions))


def _value_function(fields: _Fields, element: ET.Element, issue: Issue, place: str, party: str, notes: list[str]):
    if issue.kind == "categorical":
        evaluations: dict[str, float] = {}
        for item in element.findall("item"):
            item_place = f"{place}, item '{item.get('value', '?')}'"
            value = fields.text(item, "value", item_place)
            raw = item.get("evaluation")
            if value not in issue.values:
                raise fields.error(item, item_place, "this value is not in the domain",
                                   f"use one of {list(issue.values)[:10]}")
            if raw is None or raw.strip().lower() == "null":
                notes.append(f"party '{party}': {item_place} has no evaluation; 0 is used")
                evaluations[value] = 0.0
                continue
            number = fields.number(item, "evaluation", item_place)
            if number < 0:
                raise fields.error(item, item_place, f"negative evaluation {number:g}", "use an evaluation ≥ 0")
            evaluations[value] = number
        missing = [v for v in issue.values if v not in evaluations]
        if missing:
            notes.append(f"party '{party}': {place} has no evaluation for {missing}; 0 is used")
        raw_values = [evaluations.get(v, 0.0) for v in issue.values]
        top = max(raw_values)
        if top < ZERO_MAX_EVALUATION:
            return Table(tuple(0.0 for _ in raw_values))
        return Table(tuple(v / top for v in raw_values))
    evaluator = element.find("evaluator")
    if evaluator is None:
        raise fields.error(element, place, "no <evaluator> for this numeric issue",
                           "add <evaluator ftype=\"linear\" .../>")
    ftype = evaluator.get("ftype", "linear").strip().lower()
    where = f"{place}, evaluator"
    if issue.kind == "integer":
        if ftype != "linear":
            raise fields.error(evaluator, where, f"unsupported integer evaluator ftype '{ftype}'",
                               "use ftype=\"linear\" with slope and offset")
        return Linear(fields.number(evaluator, "slope", where), fields.number(evaluator, "offset", where),
                      float(issue.low))
    if ftype == "linear":
        return Linear(fields.number(evaluator, "parameter1", where), fields.number(evaluator, "parameter0", where),
                      0.0)
    if ftype == "constant":
        return Constant(fields.number(evaluator, "parameter0", where))
    if ftype == "triangular":
        low = fields.number(evaluator, "parameter0", where)
        high = fields.number(evaluator, "parameter1", where)
        top = fields.number(evaluator, "parameter2", where)
        if not low <= top <= high:
            raise fields.error(evaluator, where, f"triangular needs lowerBound ≤ top ≤ upperBound "
                               f"(got {low:g}, {top:g}, {high:g})", "reorder parameter0, parameter2, parameter1")
        return Triangular(low, high, top)
    raise fields.error(evaluator, where, f"unsupported real evaluator ftype '{ftype}'",
                       "use linear, constant or triangular")


def _rectangles(fields: _Fields, space: ET.Element, issues: list[_DomainIssue]) -> RectangleSum:
    position_of = {d.index: n for n, d in enumerate(issues)}
    holders = list(space.iter("utility"))
    if len(holders) != 1:
        raise fields.error(space, "<utility_space type=\"nonlinear\">",
                           f"expected one <utility> element, found {len(holders)}",
                           "put the <ufun> elements inside one <utility maxutility=...>")
    holder = holders[0]
    normalizer = fields.number(holder, "maxutility", "<utility>")
    if normalizer <= 0:
        raise fields.error(holder, "<utility>", f"maxutility must be positive (got {normalizer:g})",
                           "give the largest attainable utility sum")
    rectangles = []
    for u, ufun in enumerate(holder.findall("ufun")):
        place = f"ufun {u + 1}"
        aggregation = ufun.get("aggregation", "sum").strip().lower()
        if aggregation != "sum":
            raise fields.error(ufun, place, f"unsupported aggregation '{aggregation}'", "use aggregation=\"sum\"")
        weight = fields.number(ufun, "weight", place, default=1.0)
        for r, box in enumerate(ufun):
            box_place = f"{place}, hyperRectangle {r + 1}"
            if box.tag != "hyperRectangle":
                raise fields.error(box, box_place, f"unsupported element <{box.tag}>",
                                   "only <hyperRectangle> is understood inside <ufun>")
            bounds = []
            # GENIUS reads a box with any EXCLUDES as exclusive, bounded by its EXCLUDES only
            exclusive = box.find("EXCLUDES") is not None
            for constraint in box:
                if constraint.tag not in ("INCLUDES", "EXCLUDES"):
                    raise fields.error(constraint, box_place, f"unsupported element <{constraint.tag}>",
                                       "only <INCLUDES|EXCLUDES index min max> is understood")
                if (constraint.tag == "EXCLUDES") != exclusive:
                    continue
                index = fields.integer(constraint, "index", box_place)
                if index not in position_of:
                    raise fields.error(constraint, box_place, f"INCLUDES names issue index {index}, not in the domain",
                                       f"use one of {sorted(position_of)}")
                low = fields.number(constraint, "min", box_place)
                high = fields.number(constraint, "max", box_place)
                bounds.append((position_of[index], low, high))
            rectangles.append(Rectangle(weight * fields.number(box, "utility", box_place), tuple(bounds), exclusive))
    return RectangleSum(tuple(rectangles), normalizer)


def _child_value(fields: _Fields, element: ET.Element, place: str) -> float | None:
    if "value" in element.attrib:
        return fields.number(element, "value", place)
    child = element.find("value")
    if child is not None and child.text and child.text.strip():
        return fields.parsed(child, child.text, "value", place)
    return None


def _reservation(fields: _Fields, space: ET.Element) -> float:
    element = space.find("reservation")
    if element is None:
        return 0.0
    value = _child_value(fields, element, "<reservation>")
    return 0.0 if value is None else value


def _discount(fields: _Fields, space: ET.Element) -> float | None:
    element = space.find("discount_factor")
    if element is None:
        return None
    value = _child_value(fields, element, "<discount_factor>")
    if value is None or value <= 0 or value > 1:
        return None
    return value
