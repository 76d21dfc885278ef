"""GENIUS XML: reading (FORMATS.md §1), the worked examples, the 2014 hyperRectangle spaces, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import ScenarioError
from accord.io import load
from accord.io.genius import read_genius
from accord.model import Constant, Linear, RectangleSum, Table, Triangular
from tests.conftest import SHARED_DOMAINS
from tests.io.genius.samples import DOMAIN, PROFILE, small, utility_of, write

GENIUS_FOLDERS = sorted(p.name for p in (SHARED_DOMAINS / "genius").iterdir()) if SHARED_DOMAINS.is_dir() else []


# --- reading -----------------------------------------------------------------------------------------


def test_laptop_worked_example_is_clipped_at_one(shared_domains):
    scenario = load(shared_domains / "genius" / "Laptop")
    assert scenario.name == "Laptop"
    assert scenario.party_names == ("laptop_buyer_utility", "laptop_seller_utility")
    assert scenario.issue_names == ("Laptop", "Harddisk", "External Monitor")
    buyer = scenario.parties[0]
    assert sum(buyer.utility.weights) == pytest.approx(1.000051804171754, abs=1e-12)  # not renormalised
    assert utility_of(scenario, 0, {"Laptop": "HP", "Harddisk": "60 Gb", "External Monitor": "19'' LCD"}) == 1.0
    # Dell 12/30, 80Gb 20/30, 20'' 10/30
    expected = 0.4452125771655631 * 12 / 30 + 0.37808251708013424 * 20 / 30 + 0.1767567099260568 * 10 / 30
    assert utility_of(scenario, 0, {"Laptop": "Dell", "Harddisk": "80 Gb", "External Monitor": "20'' LCD"}) == \
        pytest.approx(expected, abs=1e-15)
    assert buyer.discount == pytest.approx(0.42441038)
    assert buyer.reservation == 0.0


def test_discrete_evaluations_are_divided_by_the_issue_maximum(tmp_path):
    scenario = read_genius(small(tmp_path))
    colour = scenario.parties[0].utility.functions[0]
    assert colour == Table((0.5, 1.0))


def test_integer_evaluator_is_shifted_by_the_lower_bound(shared_domains):
    scenario = load(shared_domains / "genius" / "IntegerDomain")
    function = scenario.parties[0].utility.functions[0]
    assert function == Linear(0.08, 0.3, -5.0)
    values = function.evaluate(scenario.issues[0])
    assert values[0] == pytest.approx(0.3) and values[-1] == 1.0  # 0.3 + 0.08·10 = 1.1, clamped


def test_real_issue_grid_is_noted_and_can_be_overridden(tmp_path):
    paths = small(tmp_path)
    scenario = read_genius(paths)
    assert scenario.issues[2].kind == "real" and scenario.issues[2].size == 11
    assert any("real issue 'time'" in note and "11" in note for note in scenario.notes)
    assert read_genius(paths, real_grid=5).issues[2].values == (0.0, 2.5, 5.0, 7.5, 10.0)
    assert scenario.parties[0].utility.functions[2] == Linear(0.1, 0.0, 0.0)  # parameter1 slope, parameter0 offset


@pytest.mark.parametrize(("ftype", "p0", "p1", "p2", "expected"), [
    ("constant", "0.4", "0", "0", Constant(0.4)),
    ("triangular", "2", "8", "4", Triangular(2.0, 8.0, 4.0)),
])
def test_real_constant_and_triangular_evaluators(tmp_path, ftype, p0, p1, p2, expected):
    assert read_genius(small(tmp_path, ftype, p0, p1, p2)).parties[0].utility.functions[2] == expected


@pytest.mark.parametrize(("written", "read"), [("0.9", 0.9), ("1", 1.0), ("0", None), ("-0.5", None), ("2", None)])
def test_discount_outside_zero_one_means_none(tmp_path, written, read):
    party = read_genius(small(tmp_path, discount=written)).parties[0]
    assert party.discount == read
    assert party.reservation == 0.25


def test_weights_match_issue_indices_in_nested_objectives(tmp_path):
    domain = write(tmp_path, "d.xml", """<utility_space><objective index="0" name="root" type="objective">
      <objective index="1" name="inner" type="objective">
        <issue index="3" name="b" type="discrete"><item value="x"/><item value="y"/></issue>
        <issue index="2" name="a" type="discrete"><item value="x"/><item value="y"/></issue>
      </objective></objective></utility_space>""")
    profile = write(tmp_path, "p.xml", """<utility_space><objective index="0" name="root" type="objective">
      <weight index="1" value="1"/>
      <objective index="1" name="inner" type="objective">
        <weight index="2" value="0.7"/><weight index="3" value="0.3"/>
        <issue index="3" name="b" type="discrete"><item value="x" evaluation="1"/><item value="y" evaluation="0"/></issue>
        <issue index="2" name="a" type="discrete"><item value="x" evaluation="0"/><item value="y" evaluation="2"/></issue>
      </objective></objective></utility_space>""")
    scenario = read_genius([domain, profile])
    assert scenario.issue_names == ("b", "a")  # domain order
    assert scenario.parties[0].utility.weights == (0.3, 0.7)
    assert scenario.parties[0].reservation == 0.0 and scenario.parties[0].discount is None


def test_folder_party_order_is_by_file_name_and_uncertain_profiles_are_noted(shared_domains):
    scenario = load(shared_domains / "genius" / "Jobs")
    assert scenario.party_names == ("Jobs_A50", "Jobs_B10", "Jobs_util1", "Jobs_util2")
    assert any("Jobs_A50" in note and "UNCERTAIN" in note for note in scenario.notes)


def test_files_keep_the_given_party_order(shared_domains):
    folder = shared_domains / "genius" / "Laptop"
    scenario = load(folder / "laptop_seller_utility.xml", folder / "laptop_domain.xml",
                    folder / "laptop_buyer_utility.xml")
    assert scenario.name == "laptop_domain"
    assert scenario.party_names == ("laptop_seller_utility", "laptop_buyer_utility")


def test_domain_with_discount_value_child_and_profile_discount_above_one(shared_domains):
    scenario = load(shared_domains / "genius" / "SON_with_discount")
    assert [i.kind for i in scenario.issues] == ["real"] * 4
    assert all(p.discount is None for p in scenario.parties)  # discount_factor value="2"


@pytest.mark.parametrize("folder", GENIUS_FOLDERS)
def test_every_genius_folder_loads(shared_domains, folder):
    scenario = load(shared_domains / "genius" / folder)
    assert scenario.parties and scenario.issues
    assert scenario.name == folder


def test_the_collection_has_43_genius_folders(shared_domains):
    assert len(list((shared_domains / "genius").iterdir())) == 43


# --- ANAC 2014 hyperRectangle spaces -----------------------------------------------------------------


def test_hyper_rectangles_sum_inclusive_ranges_divided_by_maxutility(tmp_path):
    domain = write(tmp_path, "d.xml", """<utility_space><objective index="0" name="root" type="objective">
      <issue index="1" name="x" type="integer" lowerbound="0" upperbound="9"/>
      <issue index="2" name="y" type="integer" lowerbound="0" upperbound="9"/>
      </objective></utility_space>""")
    profile = write(tmp_path, "p.xml", """<utility_space type="nonlinear"><objective index="0" name="root">
      <issue index="1" name="x" type="integer" lowerbound="0" upperbound="9"/>
      <issue index="2" name="y" type="integer" lowerbound="0" upperbound="9"/>
      <utility maxutility="100"><ufun type="PlainUfun" weight="1" aggregation="sum">
        <hyperRectangle utility="30"><INCLUDES index="1" min="2" max="4"/></hyperRectangle>
        <hyperRectangle utility="50"><INCLUDES index="1" min="4" max="9"/><INCLUDES index="2" min="0" max="0"/></hyperRectangle>
      </ufun></utility></objective><reservation value="0.75"/><discount_factor value="0.5"/></utility_space>""")
    scenario = read_genius([domain, profile])
    party = scenario.parties[0]
    assert isinstance(party.utility, RectangleSum) and party.utility.normalizer == 100
    assert utility_of(scenario, 0, {"x": 4, "y": 0}) == pytest.approx(0.8)  # both boxes, bounds inclusive
    assert utility_of(scenario, 0, {"x": 2, "y": 5}) == pytest.approx(0.3)
    assert utility_of(scenario, 0, {"x": 5, "y": 1}) == 0.0
    assert (party.reservation, party.discount) == (0.75, 0.5)


def test_anac2014_normaliser_agrees_with_the_published_pareto_front(shared_domains):
    """maxutility is the normaliser: sampled utilities are multiples of 1/maxutility, reach 1 only at the
    published extremes, and no sampled outcome dominates the published frontier (pareto.xml)."""
    folder = shared_domains / "genius" / "ANAC2014_10issuesDiscountedwithRV"
    scenario = load(folder)
    assert scenario.cartesian_size == 10**10
    assert "skipped pareto.xml: GENIUS's precomputed Pareto frontier (lines of utilities)" in " ".join(scenario.notes)
    front = np.array([[float(x) for x in line.split(",")]
                      for line in (folder / "pareto.xml").read_text().splitlines() if line.strip()])
    normalisers = np.array([p.utility.normalizer for p in scenario.parties])
    assert list(normalisers) == [635.0, 750.0]
    # the published points are (float32-rounded) multiples of 1/maxutility
    np.testing.assert_allclose(front * normalisers, np.round(front * normalisers), atol=5e-5)
    rng = np.random.default_rng(2014)
    rows = rng.integers(0, 10, size=(20000, 10))
    sample = np.column_stack([p.utility.evaluate(scenario.issues, rows) for p in scenario.parties])
    np.testing.assert_allclose(sample * normalisers, np.round(sample * normalisers), atol=1e-9)
    assert sample.max() <= 1.0
    tol = 1e-6
    for point in front:
        dominates = (sample >= point - tol).all(axis=1) & (sample > point + tol).any(axis=1)
        assert not dominates.any(), f"a sampled outcome dominates the published Pareto point {point}"
    # a greedy climb from the sample's best reaches the published extreme utility pair for party 1
    best = rows[np.lexsort((sample[:, 1], sample[:, 0]))[-1]].copy()
    party0, party1 = (p.utility for p in scenario.parties)
    score = lambda r: party0.evaluate(scenario.issues, r[None])[0] * 10 + party1.evaluate(scenario.issues, r[None])[0]  # noqa: E731
    improved = True
    while improved:
        improved = False
        for issue in range(10):
            for value in range(10):
                trial = best.copy()
                trial[issue] = value
                if score(trial) > score(best) + 1e-12:
                    best, improved = trial, True
    reached = np.array([party0.evaluate(scenario.issues, best[None])[0], party1.evaluate(scenario.issues, best[None])[0]])
    assert reached[0] == 1.0
    assert reached[1] <= front[-1, 1] + tol  # never above the published frontier at u1 = 1


# --- bad input ---------------------------------------------------------------------------------------


def test_a_file_that_is_not_xml_names_line_and_column(tmp_path):
    domain = write(tmp_path, "d.xml", DOMAIN)
    broken = write(tmp_path, "broken.xml", "<utility_space>\n  <objective index='0'>\n</utility_space>")
    with pytest.raises(ScenarioError) as caught:
        read_genius([domain, broken])
    assert "broken.xml" in str(caught.value) and "line 3, column" in str(caught.value)


def test_missing_attribute_names_the_issue(tmp_path):
    bad = write(tmp_path, "d.xml", DOMAIN.replace(' upperbound="4"', ""))
    profile = write(tmp_path, "p.xml", PROFILE.format(ftype="linear", p0=0, p1=0, p2=0, discount=1))
    with pytest.raises(ScenarioError) as caught:
        read_genius([bad, profile])
    error = caught.value
    assert error.source == str(bad)
    assert "issue 'price' (index 2): missing attribute 'upperbound'" in str(error)
    assert error.where.startswith("line 6")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('evaluation="8"', 'evaluation="lots"', "attribute 'evaluation' is not a number ('lots')"),
    ('<weight index="2" value="0.3"/>', '<weight index="2" value="-0.3"/>', "weight 2: negative weight"),
    ('name="price" etype', 'name="cost" etype', "the domain calls issue 2 'price'"),
    ('<weight index="3" value="0.2"/>', "", "no <weight index=\"3\">"),
    ('<item index="2" value="blue" evaluation="8"/>', '<item index="2" value="green" evaluation="8"/>',
     "item 'green': this value is not in the domain"),
    ('ftype="{ftype}"', 'ftype="faratin"', "unsupported real evaluator ftype 'faratin'"),
])
def test_bad_profiles_name_file_and_place(tmp_path, old, new, expected):
    domain = write(tmp_path, "d.xml", DOMAIN)
    profile = write(tmp_path, "p.xml", PROFILE.replace(old, new).format(ftype="linear", p0=0, p1=0, p2=0, discount=1))
    with pytest.raises(ScenarioError) as caught:
        read_genius([domain, profile])
    assert caught.value.source == str(profile)
    assert expected in str(caught.value)
    assert caught.value.where


def test_folder_without_profiles(tmp_path):
    write(tmp_path, "d.xml", DOMAIN)
    with pytest.raises(ScenarioError, match="no preference profile") as caught:
        read_genius([tmp_path])
    assert caught.value.source == str(tmp_path)


def test_folder_without_domain(tmp_path):
    write(tmp_path, "p.xml", PROFILE.format(ftype="linear", p0=0, p1=0, p2=0, discount=1))
    with pytest.raises(ScenarioError, match="no domain file"):
        read_genius([tmp_path])


def test_two_domains(tmp_path):
    write(tmp_path, "d1.xml", DOMAIN)
    write(tmp_path, "d2.xml", DOMAIN)
    with pytest.raises(ScenarioError, match="several domain files"):
        load(tmp_path)


def test_document_type_declarations_are_refused(tmp_path):
    evil = write(tmp_path, "d.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><utility_space/>')
    with pytest.raises(ScenarioError, match="document type") as caught:
        read_genius([evil])
    assert caught.value.source == str(evil)


def test_unknown_root_element(tmp_path):
    odd = write(tmp_path, "d.xml", "<html><body/></html>")
    with pytest.raises(ScenarioError, match="not a GENIUS file"):
        read_genius([odd])


def test_an_integer_issue_too_large_to_enumerate_is_refused_before_it_is_built(tmp_path):
    from tests.memory_cap import run_capped

    paths = small(tmp_path)
    paths[0].write_text(DOMAIN.replace('upperbound="4"', 'upperbound="1000000000000"', 1), encoding="utf-8")
    child = run_capped(f"""
        from pathlib import Path
        from accord.errors import InputError, ScenarioError
        from accord.io.genius import read_genius
        try:
            read_genius([Path({str(paths[0])!r}), Path({str(paths[1])!r})])
        except ScenarioError as error:
            print(error)
        try:
            read_genius([Path({str(paths[0])!r})], real_grid=10**9)
        except InputError as error:
            print(error)
    """)
    assert child.returncode == 0, child.stderr
    first, second = child.stdout.splitlines()
    assert "the issue would have 1,000,000,000,001 values; an issue has at most 1,000,000" in first
    assert second.startswith("real_grid: must be at most 1,000,000")


# --- non-finite and malformed numbers (issue 11 §6, §13) ---------------------------------------------


@pytest.mark.parametrize("element", ["<reservation><value>nan</value></reservation>",
                                     "<discount_factor><value>nan</value></discount_factor>",
                                     "<reservation><value>inf</value></reservation>"])
def test_a_non_finite_child_value_is_refused(tmp_path, element):
    profile = PROFILE.format(ftype="linear", p0="0", p1="0.1", p2="0", discount="0.9")
    profile = profile.replace('<reservation value="0.25"/>', "").replace('<discount_factor value="0.9"/>', element)
    paths = small(tmp_path)
    write(tmp_path, "alice.xml", profile)
    with pytest.raises(ScenarioError, match="not a finite number"):
        read_genius(paths)


def test_an_over_long_number_is_refused_before_it_is_converted(tmp_path):
    with pytest.raises(ScenarioError, match="5,000 digits") as caught:
        read_genius(small(tmp_path, discount="9" * 5000))
    assert len(str(caught.value)) < 300


def test_a_fifty_digit_integer_bound_is_refused(tmp_path):
    paths = small(tmp_path)
    write(tmp_path, "small-domain.xml", DOMAIN.replace('upperbound="4"', 'upperbound="' + "9" * 50 + '"', 1))
    with pytest.raises(ScenarioError):
        read_genius(paths)


def test_deeply_nested_objectives_are_read_without_recursion(tmp_path):
    depth = 20_000
    domain = DOMAIN.replace('<issue index="1"', '<objective name="x">' * depth + '</objective>' * depth
                            + '<issue index="1"', 1)
    paths = small(tmp_path)
    write(tmp_path, "small-domain.xml", domain)
    assert read_genius(paths).issue_names == ("colour", "price", "time")


def test_a_file_of_a_folder_that_is_not_xml_is_skipped_with_a_note_saying_what_it_is(tmp_path):
    """A CSV-style pareto.xml was noted as "not an XML file", as if the folder were broken; it is GENIUS's
    precomputed frontier. Any other file that is not XML keeps the plain note."""
    small(tmp_path)
    write(tmp_path, "pareto.xml", "0.5, 1.0\n1.0, 0.5\n")
    write(tmp_path, "readme.xml", "notes about this domain\n")
    notes = read_genius([tmp_path]).notes
    assert any(note.startswith("skipped pareto.xml: GENIUS's precomputed Pareto frontier") for note in notes), notes
    assert "skipped readme.xml: not an XML file" in notes
