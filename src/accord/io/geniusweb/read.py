"""Reading GeniusWeb JSON scenarios (ANAC 2020+, ANL 2022/2023): an optional domain file plus one
``LinearAdditiveUtilitySpace`` profile per party (each profile embeds the domain).

Semantics follow ``shared/FORMATS.md`` §2: ``U(bid) = Σ wᵢ·uᵢ(bidᵢ)``; discrete utilities as written;
number issues (``range`` as ``{low, high, step}`` or ``[low, high, step]``) use the linear interpolation of
``NumberValueSetUtilities`` quantised to 8 decimals (ROUND_HALF_UP). Because the quantisation is not linear,
each number issue's utilities are precomputed exactly (in ``Decimal``) for every value of the range and kept as
a ``Table``. The reservation value is the utility of ``reservationBid`` (0 without one) and the bid itself is kept
in ``Party.reservation_outcome``.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal, DecimalException, InvalidOperation
from pathlib import Path
from typing import Any

from accord.errors import ScenarioError
from accord.io.files import ScenarioFiles, read_json, scenario_files
from accord.io.foreign import check_parts
from accord.model import Issue, LinearAdditive, Party, Scenario, Table
from accord.model.issues import MAX_ISSUE_VALUES

PROFILE_KEY = "LinearAdditiveUtilitySpace"
DISCRETE_KEYS = ("DiscreteValueSetUtilities", "discreteutils")
NUMBER_KEYS = ("NumberValueSetUtilities", "numberutils")
OTHER_PROFILE_KEYS = ("SumOfGroupsUtilitySpace", "DefaultPartialOrdering", "FullOrdering", "PartialOrdering",
                      "LinearAdditive", "UtilitySpace")
QUANTUM = Decimal("0.00000001")


class _Domain:
    """The issues of a GeniusWeb domain, with each number issue's exact (Decimal) values."""

    def __init__(self, name: str, issues: list[Issue], exact: dict[str, list[Decimal]],
                 ranges: dict[str, tuple[Decimal, Decimal, Decimal]]) -> None:
        self.name = name
        self.issues = issues
        self.exact = exact  # number issue → its values as Decimals
        self.ranges = ranges  # number issue → (low, high, step) as written
        self.by_name = {issue.name: issue for issue in issues}

    def signature(self) -> dict[str, Any]:
        return {i.name: (tuple(self.exact[i.name]) if i.name in self.exact else tuple(i.values))
                for i in self.issues}


def _load_json(path: Path) -> Any:
    return read_json(path, parse_float=Decimal)


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        if PROFILE_KEY in data:
            return "profile"
        if "issuesValues" in data:
            return "domain"
        if any(key in data for key in OTHER_PROFILE_KEYS):
            return "unsupported"
    return "other"


def read_geniusweb(paths: list[Path]) -> Scenario:
    """Read a GeniusWeb scenario: one folder, or an optional domain file plus profile files (party order =
    file order; in a folder, profiles sorted by file name)."""
    given = scenario_files(paths, ".json")
    try:
        return _read(given)
    except (DecimalException, OverflowError):  # e.g. a range whose step is 1e-999999: (high - low) / step
        raise ScenarioError("a number is too large or too small to compute with", source=given.source,
                            fix="write ranges and utilities with numbers of ordinary size") from None


def _read(given: ScenarioFiles) -> Scenario:
    notes: list[str] = []
    files, in_folder, source = given.files, given.folder is not None, given.source
    name = given.folder.name if given.folder else None
    domains: list[tuple[Path, Any]] = []
    profiles: list[tuple[Path, Any]] = []
    for path in files:
        data = _load_json(path)
        kind = _kind(data)
        if kind == "profile":
            profiles.append((path, data))
        elif kind == "domain":
            domains.append((path, data))
        elif kind == "unsupported":
            key = next(k for k in OTHER_PROFILE_KEYS if k in data)
            raise ScenarioError(f"unsupported GeniusWeb profile kind '{key}'", source=str(path), where=key,
                                fix="only LinearAdditiveUtilitySpace profiles can be read")
        elif in_folder:
            notes.append(f"skipped {path.name}: not a GeniusWeb domain or profile")
        else:
            raise ScenarioError("not a GeniusWeb domain or profile (expected 'issuesValues' or "
                                f"'{PROFILE_KEY}' at the top)", source=str(path),
                                fix="give the domain file and LinearAdditiveUtilitySpace profile files")
    check_parts(source, [p for p, _ in domains], len(profiles), "profile (a LinearAdditiveUtilitySpace file)",
                domain_required=False)
    if domains:
        domain_path, domain_data = domains[0]
        domain = _read_domain(domain_data, str(domain_path), "")
        name = name or domain_path.stem
    else:
        first_path, first = profiles[0]
        body = first[PROFILE_KEY]
        if not isinstance(body, dict) or "domain" not in body:
            raise ScenarioError("the profile embeds no domain and no domain file was given", source=str(first_path),
                                where=f"{PROFILE_KEY}.domain", fix="add the domain file")
        domain = _read_domain(body["domain"], str(first_path), f"{PROFILE_KEY}.domain")
        name = name or domain.name or first_path.stem
    parties = tuple(_read_profile(path, data, domain, notes) for path, data in profiles)
    for issue in domain.issues:
        if issue.name in domain.ranges:
            low, high, step = domain.ranges[issue.name]
            notes.append(f"number issue '{issue.name}' range [{low}, {high}] step {step}: {issue.size} values")
    return Scenario(name, tuple(domain.issues), parties, notes=tuple(notes))


def _err(source: str, where: str, message: str, fix: str = "") -> ScenarioError:
    return ScenarioError(message, source=source, where=where, fix=fix)


def _decimal(value: Any, source: str, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise _err(source, where, f"expected a number, got {json.dumps(value, default=str)}", "write a JSON number")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise _err(source, where, "expected a finite number", "write a JSON number")
    return number


def _read_domain(data: Any, source: str, prefix: str) -> _Domain:
    here = prefix or "(top)"
    if not isinstance(data, dict):
        raise _err(source, here, "the domain must be a JSON object", "give {\"name\": ..., \"issuesValues\": {...}}")
    values = data.get("issuesValues")
    dot = f"{prefix}." if prefix else ""
    if not isinstance(values, dict) or not values:
        raise _err(source, f"{dot}issuesValues", "missing or empty issuesValues",
                   "give every issue with its values or range")
    issues: list[Issue] = []
    exact: dict[str, list[Decimal]] = {}
    ranges: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for name, value_set in values.items():
        where = f"{dot}issuesValues.{name}"
        if isinstance(value_set, dict) and "values" in value_set:
            options = value_set["values"]
            if not isinstance(options, list) or not options:
                raise _err(source, f"{where}.values", "expected a non-empty list of values", "list the values")
            labels = [str(o) for o in options]
            duplicates = sorted({v for v in labels if labels.count(v) > 1})
            if duplicates:
                raise _err(source, f"{where}.values", f"duplicate values {duplicates}", "list each value once")
            issues.append(Issue.categorical(name, labels))
        elif isinstance(value_set, dict) and "range" in value_set:
            low, high, step = _range(value_set["range"], source, f"{where}.range")
            count = int((high - low) / step) + 1
            if count > MAX_ISSUE_VALUES:
                raise _err(source, f"{where}.range", f"the range has {count} values, too many to enumerate",
                           f"use a larger step (at most {MAX_ISSUE_VALUES} values)")
            points = [low + k * step for k in range(count)]
            exact[name] = points
            ranges[name] = (low, high, step)
            integral = all(p == p.to_integral_value() for p in (low, step)) and step == 1
            if integral:
                issues.append(Issue.integer(name, int(low), int(points[-1])))
            else:
                issues.append(Issue(name, "real", tuple(float(p) for p in points), low=float(points[0]),
                                    high=float(points[-1]), grid=len(points)))
        else:
            raise _err(source, where, "a value set needs 'values' (a list) or 'range' ({low, high, step})",
                       "write {\"values\": [...]} or {\"range\": {\"low\": .., \"high\": .., \"step\": ..}}")
    return _Domain(str(data.get("name", "")), issues, exact, ranges)


def _range(spec: Any, source: str, where: str) -> tuple[Decimal, Decimal, Decimal]:
    if isinstance(spec, list):
        if len(spec) != 3:
            raise _err(source, where, f"a range list needs [low, high, step], got {len(spec)} items",
                       "write [low, high, step]")
        raw = dict(zip(("low", "high", "step"), spec))
    elif isinstance(spec, dict):
        missing = [k for k in ("low", "high", "step") if k not in spec]
        if missing:
            raise _err(source, where, f"missing {missing}", "write {\"low\": .., \"high\": .., \"step\": ..}")
        raw = spec
    else:
        raise _err(source, where, "expected {low, high, step} or [low, high, step]", "write the range as an object")
    low, high, step = (_decimal(raw[k], source, f"{where}.{k}") for k in ("low", "high", "step"))
    if step <= 0:
        raise _err(source, f"{where}.step", f"step must be positive (got {step})", "use a step > 0")
    if high < low:
        raise _err(source, where, f"high {high} is below low {low}", "swap low and high")
    return low, high, step


def number_utility(x: Decimal, low_value: Decimal, low_utility: Decimal, high_value: Decimal,
                   high_utility: Decimal) -> Decimal:
    """GeniusWeb's ``NumberValueSetUtilities``: linear interpolation quantised to 8 decimals (ROUND_HALF_UP);
    0 outside ``[low_value, high_value]``."""
    if x < low_value or x > high_value:
        return Decimal(0)
    value = low_utility + (high_utility - low_utility) * (x - low_value) / (high_value - low_value)
    return value.quantize(QUANTUM, rounding=ROUND_HALF_UP)


def _read_profile(path: Path, data: dict, domain: _Domain, notes: list[str]) -> Party:
    source = str(path)
    body = data[PROFILE_KEY]
    if not isinstance(body, dict):
        raise _err(source, PROFILE_KEY, "expected a JSON object", "")
    if "domain" in body:
        embedded = _read_domain(body["domain"], source, f"{PROFILE_KEY}.domain")
        _check_same_domain(embedded, domain, source)
    utilities = body.get("issueUtilities")
    weights = body.get("issueWeights")
    for key, value in (("issueUtilities", utilities), ("issueWeights", weights)):
        if not isinstance(value, dict):
            raise _err(source, f"{PROFILE_KEY}.{key}", f"missing or not an object: {key}",
                       "give one entry per issue of the domain")
        for name in value:
            if name not in domain.by_name:
                raise _err(source, f"{PROFILE_KEY}.{key}.{name}", f"unknown issue '{name}'",
                           f"use the domain's issues: {list(domain.by_name)}")
        for issue in domain.issues:
            if issue.name not in value:
                raise _err(source, f"{PROFILE_KEY}.{key}", f"no entry for issue '{issue.name}'",
                           "give one entry per issue of the domain")
    party = path.stem
    weight_values, functions = [], []
    exact_weights = []
    for issue in domain.issues:
        where = f"{PROFILE_KEY}.issueWeights.{issue.name}"
        weight = _decimal(weights[issue.name], source, where)
        if weight < 0:
            raise _err(source, where, f"negative weight {weight}", "use a weight ≥ 0")
        exact_weights.append(weight)
        weight_values.append(float(weight))
        functions.append(_value_utilities(utilities[issue.name], issue, domain, source,
                                          f"{PROFILE_KEY}.issueUtilities.{issue.name}"))
    total = sum(exact_weights, Decimal(0))
    if total != 1:
        notes.append(f"party '{party}': weights sum to {total}, not exactly 1 (GeniusWeb would reject the profile); "
                     "used as written")
    utility = LinearAdditive(tuple(weight_values), tuple(functions))
    reservation, outcome = 0.0, None
    bid = body.get("reservationBid")
    if bid is not None:
        outcome, reservation = _reservation(bid, domain, utility, source, f"{PROFILE_KEY}.reservationBid")
    return Party(party, utility, reservation, None, reservation_outcome=outcome)


def _check_same_domain(embedded: _Domain, domain: _Domain, source: str) -> None:
    mine, theirs = embedded.signature(), domain.signature()
    for name in mine:
        if name not in theirs:
            raise _err(source, f"{PROFILE_KEY}.domain.issuesValues.{name}",
                       f"issue '{name}' is not in the scenario's domain",
                       f"use a profile of this domain (issues {list(theirs)})")
    for name in theirs:
        if name not in mine:
            raise _err(source, f"{PROFILE_KEY}.domain.issuesValues", f"issue '{name}' of the domain is missing",
                       "use a profile of this domain")
        if set(mine[name]) != set(theirs[name]):
            raise _err(source, f"{PROFILE_KEY}.domain.issuesValues.{name}",
                       "the values differ from the domain file's", "use a profile of this domain")


def _value_utilities(spec: Any, issue: Issue, domain: _Domain, source: str, where: str) -> Table:
    if not isinstance(spec, dict) or len(spec) != 1:
        raise _err(source, where, "expected one of DiscreteValueSetUtilities / NumberValueSetUtilities",
                   "wrap the utilities in their class name")
    (key, body), = spec.items()
    if key in DISCRETE_KEYS:
        table = body.get("valueUtilities") if isinstance(body, dict) else None
        if not isinstance(table, dict):
            raise _err(source, f"{where}.{key}.valueUtilities", "missing valueUtilities", "map each value to [0, 1]")
        if issue.name in domain.exact:
            labels = {_number_key(k): k for k in table}
            wanted = domain.exact[issue.name]
        else:
            labels = {k: k for k in table}
            wanted = list(issue.values)
        for label_key, label in labels.items():
            if label_key not in wanted:
                raise _err(source, f"{where}.{key}.valueUtilities.{label}", f"'{label}' is not a value of issue "
                           f"'{issue.name}'", f"use the domain's values: {[str(w) for w in wanted][:10]}")
        values = []
        for wanted_value, shown in zip(wanted, issue.values):
            if wanted_value not in labels:
                raise _err(source, f"{where}.{key}.valueUtilities", f"no utility for value '{shown}'",
                           "give a utility for every value of the issue")
            label = labels[wanted_value]
            number = _decimal(table[label], source, f"{where}.{key}.valueUtilities.{label}")
            if not 0 <= number <= 1:
                raise _err(source, f"{where}.{key}.valueUtilities.{label}", f"utility {number} is outside [0, 1]",
                           "use a utility in [0, 1]")
            values.append(float(number))
        return Table(tuple(values))
    if key in NUMBER_KEYS:
        if issue.name not in domain.exact:
            raise _err(source, f"{where}.{key}", f"issue '{issue.name}' has discrete values, not a number range",
                       "use DiscreteValueSetUtilities for it")
        if not isinstance(body, dict):
            raise _err(source, f"{where}.{key}", "expected an object", "give lowValue, lowUtility, highValue, highUtility")
        fields = {}
        for field in ("lowValue", "lowUtility", "highValue", "highUtility"):
            if field not in body:
                raise _err(source, f"{where}.{key}", f"missing '{field}'", "give lowValue, lowUtility, highValue, "
                           "highUtility")
            fields[field] = _decimal(body[field], source, f"{where}.{key}.{field}")
        for field in ("lowUtility", "highUtility"):
            if not 0 <= fields[field] <= 1:
                raise _err(source, f"{where}.{key}.{field}", f"{field} {fields[field]} is outside [0, 1]",
                           "use a utility in [0, 1]")
        low, high, _ = domain.ranges[issue.name]
        if fields["highValue"] <= fields["lowValue"]:
            raise _err(source, f"{where}.{key}", "highValue must exceed lowValue", "swap them")
        if fields["lowValue"] != low or fields["highValue"] != high:
            raise _err(source, f"{where}.{key}", f"lowValue/highValue ({fields['lowValue']}, {fields['highValue']}) "
                       f"differ from the issue's range ({low}, {high})", "use the range's low and high")
        return Table(tuple(float(number_utility(x, fields["lowValue"], fields["lowUtility"], fields["highValue"],
                                                fields["highUtility"])) for x in domain.exact[issue.name]))
    raise _err(source, f"{where}.{key}", f"unknown value-set utilities '{key}'",
               "use DiscreteValueSetUtilities or NumberValueSetUtilities")


def _number_key(label: str) -> Decimal | None:
    try:
        return Decimal(label)
    except InvalidOperation:
        return None


def _reservation(bid: Any, domain: _Domain, utility: LinearAdditive, source: str, where: str):
    values = bid.get("issuevalues") if isinstance(bid, dict) else None
    if not isinstance(values, dict):
        raise _err(source, where, "expected {\"issuevalues\": {issue: value, ...}}", "write the bid as issuevalues")
    pairs, total = [], 0.0
    tables = utility.issue_values(tuple(domain.issues))
    for position, issue in enumerate(domain.issues):
        if issue.name not in values:
            continue  # GeniusWeb: an issue missing from the bid contributes 0
        raw = values[issue.name]
        try:
            if issue.name in domain.exact:
                exact = _decimal(raw, source, f"{where}.issuevalues.{issue.name}")
                index = domain.exact[issue.name].index(exact)
            else:
                index = issue.values.index(str(raw))
        except ValueError:
            raise _err(source, f"{where}.issuevalues.{issue.name}", f"'{raw}' is not a value of issue '{issue.name}'",
                       f"use one of {list(issue.values)[:10]}") from None
        pairs.append((issue.name, issue.values[index]))
        total += float(tables[position][index])
    for name in values:
        if name not in domain.by_name:
            raise _err(source, f"{where}.issuevalues.{name}", f"unknown issue '{name}'",
                       f"use the domain's issues: {list(domain.by_name)}")
    return tuple(pairs), min(total, 1.0)
