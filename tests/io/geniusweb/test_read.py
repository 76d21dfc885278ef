"""GeniusWeb JSON: reading (FORMATS.md §2), the jobs1 worked example, number issues, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import ScenarioError
from accord.io import load
from accord.io.geniusweb import number_utility, read_geniusweb
from accord.model import Table
from accord.space import utility_matrix
from tests.conftest import SHARED_DOMAINS
from tests.io.geniusweb.samples import DOMAIN, dump, profile, trip, utility_of

GENIUSWEB_FOLDERS = (sorted(p.name for p in (SHARED_DOMAINS / "geniusweb").iterdir())
                     if SHARED_DOMAINS.is_dir() else [])


# --- reading -----------------------------------------------------------------------------------------


def test_jobs1_worked_example(shared_domains):
    scenario = load(shared_domains / "geniusweb" / "Jobs")
    assert scenario.name == "Jobs" and scenario.party_names == ("jobs1",)
    bid = {"lease car": "yes", "permanent contract": "yes", "career development opportunities": "low",
           "fte": "0.8", "salary": "2500", "work from home": "1"}
    assert utility_of(scenario, 0, bid) == pytest.approx(0.53, abs=1e-12)
    assert scenario.parties[0].reservation == 0.0 and scenario.parties[0].reservation_outcome is None


def test_reservation_bid_gives_the_reservation_value(shared_domains):
    scenario = load(shared_domains / "geniusweb" / "Fitness")
    first = scenario.parties[0]
    assert first.reservation_outcome == (("type", "running"), ("duration", "3 hours"), ("distance", "40 km"),
                                         ("intensity", "bootcamp"), ("price", "$50"))
    assert first.reservation == pytest.approx(utility_of(scenario, 0, dict(first.reservation_outcome)), abs=0)
    assert first.reservation == pytest.approx(0.198, abs=1e-12)
    assert first.discount is None


def test_short_discreteutils_key_and_domain_from_profiles_only(shared_domains):
    folder = shared_domains / "geniusweb" / "Fitness"
    with_domain = read_geniusweb([folder / "fitness.json", folder / "fitness1.json", folder / "fitness2.json"])
    without = read_geniusweb([folder / "fitness2.json", folder / "fitness1.json"])
    assert without.party_names == ("fitness2", "fitness1")
    assert without.issue_names == with_domain.issue_names
    assert with_domain.name == "fitness" and without.name == "fitness"
    np.testing.assert_array_equal(utility_matrix(without)[:, ::-1], utility_matrix(with_domain))


def test_non_profile_json_in_a_folder_is_skipped(shared_domains):
    scenario = load(shared_domains / "geniusweb" / "ANL2023_domain00")
    assert scenario.party_names == ("profileA", "profileB")
    assert any("specials.json" in note for note in scenario.notes)


def test_number_issues_kinds_and_quantised_interpolation(tmp_path):
    scenario = read_geniusweb(trip(tmp_path))
    place, days, budget = scenario.issues
    assert days.kind == "integer" and days.values == (2, 3, 4, 5)
    assert budget.kind == "real" and budget.values == (0.5, 0.75, 1.0, 1.25, 1.5)
    functions = scenario.parties[0].utility.functions
    # (x − 2)/3, quantised to 8 decimals ROUND_HALF_UP: 1/3 → 0.33333333, 2/3 → 0.66666667
    assert functions[1] == Table((0.0, 0.33333333, 0.66666667, 1.0))
    assert functions[2] == Table((1.0, 0.775, 0.55, 0.325, 0.1))
    assert scenario.parties[0].reservation_outcome == (("place", "city"), ("days", 3), ("budget", 1.0))
    expected = 0.5 * 0.25 + 0.3 * 0.33333333 + 0.2 * 0.55
    assert scenario.parties[0].reservation == pytest.approx(expected, abs=1e-15)


def test_number_utility_rounds_half_up():
    from decimal import Decimal as D

    assert number_utility(D(1), D(0), D(0), D(8), D("0.00000001")) == D("0.00000000")  # 1.25e-9 → 0
    assert number_utility(D(4), D(0), D(0), D(8), D("0.00000001")) == D("0.00000001")  # 5e-9 → up
    assert number_utility(D(9), D(0), D(0), D(8), D(1)) == 0  # outside the range


def test_partial_reservation_bid_counts_missing_issues_as_zero(tmp_path):
    scenario = read_geniusweb(trip(tmp_path, reservationBid={"issuevalues": {"place": "beach"}}))
    assert scenario.parties[0].reservation == 0.5
    assert scenario.parties[0].reservation_outcome == (("place", "beach"),)


@pytest.mark.parametrize("folder", GENIUSWEB_FOLDERS)
def test_every_geniusweb_folder_loads(shared_domains, folder):
    scenario = load(shared_domains / "geniusweb" / folder)
    assert scenario.parties and scenario.issues and scenario.name == folder


def test_the_collection_has_15_geniusweb_folders(shared_domains):
    assert len(list((shared_domains / "geniusweb").iterdir())) == 15


# --- bad input ---------------------------------------------------------------------------------------


def test_invalid_json_names_line_and_column(tmp_path):
    bad = tmp_path / "alice.json"
    bad.write_text('{"LinearAdditiveUtilitySpace": {\n  "name": "x",,\n}}', encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        read_geniusweb([bad])
    assert caught.value.source == str(bad) and caught.value.where.startswith("line 2, column")


@pytest.mark.parametrize(("changes", "where", "message"), [
    ({"issueWeights": {"place": 0.5, "days": 0.3, "budget": 0.1, "colour": 0.1}},
     "LinearAdditiveUtilitySpace.issueWeights.colour", "unknown issue 'colour'"),
    ({"issueWeights": {"place": 0.5, "days": 0.7, "budget": -0.2}},
     "LinearAdditiveUtilitySpace.issueWeights.budget", "negative weight"),
    ({"reservationBid": {"issuevalues": {"place": "moon"}}},
     "LinearAdditiveUtilitySpace.reservationBid.issuevalues.place", "'moon' is not a value"),
])
def test_bad_profiles_name_file_and_place(tmp_path, changes, where, message):
    paths = trip(tmp_path, **changes)
    with pytest.raises(ScenarioError) as caught:
        read_geniusweb(paths)
    assert caught.value.source == str(paths[1])
    assert caught.value.where == where
    assert message in str(caught.value)


def test_unknown_issue_in_issue_utilities(tmp_path):
    body = profile()
    body["LinearAdditiveUtilitySpace"]["issueUtilities"]["colour"] = {
        "DiscreteValueSetUtilities": {"valueUtilities": {"red": 1}}}
    path = dump(tmp_path, "alice.json", body)
    with pytest.raises(ScenarioError, match="unknown issue 'colour'") as caught:
        read_geniusweb([path])
    assert caught.value.where == "LinearAdditiveUtilitySpace.issueUtilities.colour"


def test_value_utility_outside_zero_one(tmp_path):
    body = profile()
    body["LinearAdditiveUtilitySpace"]["issueUtilities"]["place"]["DiscreteValueSetUtilities"]["valueUtilities"][
        "city"] = 1.5
    with pytest.raises(ScenarioError, match=r"outside \[0, 1\]") as caught:
        read_geniusweb([dump(tmp_path, "alice.json", body)])
    assert caught.value.where.endswith("valueUtilities.city")


def test_number_utilities_must_use_the_range_ends(tmp_path):
    body = profile()
    body["LinearAdditiveUtilitySpace"]["issueUtilities"]["days"]["NumberValueSetUtilities"]["lowValue"] = 3
    with pytest.raises(ScenarioError, match="differ from the issue's range"):
        read_geniusweb([dump(tmp_path, "alice.json", body)])


def test_profile_of_another_domain(tmp_path):
    other = dict(DOMAIN, issuesValues={**DOMAIN["issuesValues"], "place": {"values": ["beach", "city"]}})
    domain = dump(tmp_path, "trip.json", other)
    alice = dump(tmp_path, "alice.json", profile())
    with pytest.raises(ScenarioError, match="values differ") as caught:
        read_geniusweb([domain, alice])
    assert caught.value.source == str(alice)


def test_folder_with_no_profiles(tmp_path):
    dump(tmp_path, "trip.json", DOMAIN)
    dump(tmp_path, "specials.json", {"size": 3})
    with pytest.raises(ScenarioError, match="no profile"):
        load(tmp_path)


def test_unsupported_profile_kind(tmp_path):
    path = dump(tmp_path, "p.json", {"SumOfGroupsUtilitySpace": {}})
    with pytest.raises(ScenarioError, match="unsupported GeniusWeb profile kind"):
        read_geniusweb([path])


def test_explicit_non_profile_file_is_an_error(tmp_path):
    path = dump(tmp_path, "specials.json", {"size": 3})
    with pytest.raises(ScenarioError, match="not a GeniusWeb domain or profile") as caught:
        read_geniusweb([path])
    assert caught.value.source == str(path)


# --- numbers out of range (issue 11 §6, §13) ----------------------------------------------------------


@pytest.mark.parametrize("step", ["1e-999999", "1e-99"])
def test_a_range_that_overflows_decimal_is_an_input_error(tmp_path, step):
    domain = {"name": "trip", "issuesValues": {**DOMAIN["issuesValues"], "budget": {"range": [-1e99, 1e99, 7]}}}
    paths = [dump(tmp_path, "trip.json", domain), dump(tmp_path, "alice.json", profile(domain=domain))]
    for path in paths:
        path.write_text(path.read_text().replace("7", step))
    with pytest.raises(ScenarioError):
        read_geniusweb(paths)


def test_a_weight_of_1e400_is_refused(tmp_path):
    paths = trip(tmp_path)
    paths[1].write_text(paths[1].read_text().replace('"place": 0.5', '"place": 1e400'))
    with pytest.raises(ScenarioError, match="'1e400' is not a finite number"):
        read_geniusweb(paths)
