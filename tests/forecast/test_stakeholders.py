from __future__ import annotations

import numpy as np
import pytest
import yaml

from accord.errors import ScenarioError
from accord.forecast import bundled_names, load_stakeholders, parse_csv, parse_yaml

from tests.yaml_bombs import REFUSAL, STAKEHOLDER_BOMB

from .conftest import SHARED


def test_column_aliases_and_percent_salience():
    text = "Stakeholder,RESOURCES,Position,Salience,Salience_SD\nA,80,25,50,10\nB,90,15,80,0\n"
    (issue,) = parse_csv(text, source="china.csv")
    assert issue.actors == ("A", "B")
    assert issue.issue == "china"
    np.testing.assert_array_equal(issue.salience, [0.5, 0.8])
    np.testing.assert_array_equal(issue.salience_sd, [0.1, 0.0])
    np.testing.assert_array_equal(issue.capability, [80, 90])


def test_power_alias_comments_and_issue_column():
    text = "# a comment\nActor,Power,position,SALIENCE,issue\nA,1,0,1,x\nB,1,1,1,y\nC,2,1,0.5,x\n"
    issues = parse_csv(text, source="two.csv")
    assert [i.issue for i in issues] == ["x", "y"]
    assert issues[0].actors == ("A", "C")


def test_yaml_issues_and_top_level_actors():
    document = {
        "issues": {
            "one": {"scale": "0-10", "actors": [{"actor": "A", "position": 1, "salience": 1, "capability": 1}]},
            "two": {"actors": [{"Actor": "A", "Position": 2, "Salience": 50, "Capability": 1, "position_sd": 1}]},
        }
    }
    one, two = parse_yaml(yaml.safe_dump(document), source="f.yaml")
    assert one.scale == "0-10" and two.salience[0] == 0.5 and two.position_sd[0] == 1 and two.uncertain
    (single,) = parse_yaml("issue: z\nactors:\n  - {actor: A, position: 1, salience: 1, capability: 1}\n", source="g")
    assert single.issue == "z"


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("", ["f.csv", "empty"]),
        ("actor,position,salience\nA,1,1\n", ["f.csv", "line 1", "missing column 'capability'", "add a capability"]),
        ("actor,position,salience,capability\nA,abc,1,1\n", ["line 2", "position is not a number (abc)"]),
        ("actor,position,salience,capability\nA,1,0.5,1\nB,1,,1\n", ["line 3", "salience is not a number (empty)"]),
        ("actor,position,salience,capability\nA,1,0.5,1\nB,1,120,1\n", ["line 2", "mixes scales"]),
        ("actor,position,salience,capability\nA,1,50,1\nB,1,120,1\n", ["line 3", "salience 120 is out of range"]),
        ("actor,position,salience,capability\nA,1,-0.5,1\n", ["line 2", "salience -0.5 is out of range"]),
        ("actor,position,salience,capability\nA,1,0.5,-1\n", ["line 2", "capability -1 is negative"]),
        ("actor,position,salience,capability\n", ["no stakeholders"]),
        ("actor,position,salience,capability\nA,1,0,1\nB,2,0,1\n", ["zero capability or zero salience"]),
        ("actor,position,salience,capability\nA,1,1,1\nA,2,1,1\n", ["line 3", "'A' appears twice"]),
    ],
)
def test_bad_csv_names_file_place_and_fix(text, fragments):
    with pytest.raises(ScenarioError) as caught:
        parse_csv(text, source="f.csv")
    message = str(caught.value)
    assert "\n" not in message and ";" in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("", ["empty"]),
        ("[1, 2]", ["mapping"]),
        ("issues: {a: {actors: [{actor: A, position: 1, salience: 1}]}}", ["issues.a.actors[0]", "capability"]),
        ("issues: {a: {actors: [{actor: A, position: x, salience: 1, capability: 1}]}}", ["position is not a number"]),
        ("issues: {a: {actors: []}}", ["no actors"]),
        ("issues: [", ["invalid YAML", "line 1"]),
    ],
)
def test_bad_yaml_names_place(text, fragments):
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(text, source="f.yaml")
    for fragment in ["f.yaml", *fragments]:
        assert fragment in str(caught.value)


def test_bundled_files_are_listed_and_load():
    assert {"eu10-car-emissions", "japan-russia-2019", "kurils-divide"} <= set(bundled_names())
    transfer, wwii = load_stakeholders("japan-russia-2019")
    assert transfer.issue == "transfer" and wwii.issue == "wwii_clause"
    assert len(transfer.actors) >= 10 and transfer.uncertain


def test_every_bundled_japan_russia_actor_states_its_assumption():
    from accord.io.bundled import bundled_data

    document = yaml.safe_load(bundled_data()["japan-russia-2019"].read_text(encoding="utf-8"))
    for issue in document["issues"].values():
        for actor in issue["actors"]:
            assert "ASSUMPTION" in actor["note"] and "[" in actor["note"], actor["actor"]


def test_bundled_eu10_matches_the_shared_original():
    shared = SHARED / "eu10-car-emissions.csv"
    (bundled,) = load_stakeholders("eu10-car-emissions")
    (original,) = load_stakeholders(str(shared))
    assert bundled.actors == original.actors
    for field in ("position", "salience", "capability"):
        np.testing.assert_array_equal(getattr(bundled, field), getattr(original, field))


@pytest.mark.parametrize("name", ["china.csv", "honduras-nicaragua.csv", "sultan.csv"])
def test_shared_data_sets_load(name):
    path = SHARED / name
    (issue,) = load_stakeholders(str(path))
    assert issue.salience.max() <= 1 and issue.capability.min() >= 0


def test_an_alias_bomb_is_refused_with_one_line():
    text = STAKEHOLDER_BOMB
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(text, source="bomb.yaml")
    assert str(caught.value).startswith(f"bomb.yaml: {REFUSAL}") and "\n" not in str(caught.value)


def test_a_web_request_names_bundled_files_only(tmp_path):
    (tmp_path / "mine.csv").write_text("actor,position,salience,capability\nA,1,1,1\n")
    assert load_stakeholders(str(tmp_path / "mine.csv"))[0].actors == ("A",)
    with pytest.raises(ScenarioError, match="no bundled file of that name"):
        load_stakeholders(str(tmp_path / "mine.csv"), paths=False)
    by_name = load_stakeholders("japan-russia-2019", paths=False)
    assert [g.issue for g in by_name] == [g.issue for g in load_stakeholders("japan-russia-2019")]


def test_a_control_character_is_invalid_yaml_in_one_line():
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("\x1f", source="f.yaml")
    assert str(caught.value).startswith("f.yaml: invalid YAML: special characters are not allowed")


def test_more_actors_than_the_model_supports_are_refused_with_one_line():
    from accord.forecast.stakeholders import MAX_ACTORS

    rows = "".join(f"a{k},{k % 10},0.5,1\n" for k in range(MAX_ACTORS + 1))
    with pytest.raises(ScenarioError) as error:
        parse_csv("actor,position,salience,capability\n" + rows, source="many.csv")
    assert str(error.value) == ("many.csv: 301 actors on one issue; Accord forecasts at most 300; merge small actors "
                                "into groups, or split the issue")
    assert len(parse_csv("actor,position,salience,capability\n" + rows.split("\n", 1)[1], source="many.csv")[0].actors) == 300


# --- silent wrong answers (issue 11 §7, §9, §10) ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "fragment"), [
    ("Actor,Capability,Position,Salience,Salience\nA,1,10,0.8,0.1\n", "'Salience' appears twice"),
    ("Actor,Capability,Power,Position,Salience\nA,1,5,10,0.8\n", "'Capability' and 'Power' both give capability"),
])
def test_duplicate_columns_are_refused(text, fragment):
    with pytest.raises(ScenarioError, match=fragment):
        parse_csv(text, source="t.csv")


def test_one_percent_salience_does_not_turn_a_column_of_fractions_into_percent():
    text = "Actor,Capability,Position,Salience\nA,1,10,0.8\nB,2,20,1.5\nC,3,30,0.5\n"
    with pytest.raises(ScenarioError, match="mixes scales") as caught:
        parse_csv(text, source="t.csv")
    assert "1.5 (line 3)" in str(caught.value) and "0.8 (line 2)" in str(caught.value)


def test_a_whole_percent_column_is_still_read_as_percent():
    (issue,) = parse_csv("Actor,Capability,Position,Salience\nA,1,10,80\nB,2,20,100\nC,3,30,0\n", source="t.csv")
    assert list(issue.salience) == [0.8, 1.0, 0.0]


@pytest.mark.parametrize("cells", ["1e308,10", "1,1e308", "1,-1e300"])
def test_magnitudes_that_overflow_the_models_are_refused(cells):
    text = f"Actor,Capability,Position,Salience\nA,{cells},0.8\nB,2,20,0.9\n"
    with pytest.raises(ScenarioError, match="larger than"):
        parse_csv(text, source="t.csv")


def test_a_lone_carriage_return_in_a_cell_is_an_input_error():
    """Found by tests/test_fuzz_readers.py: csv.Error escaped the reader."""
    with pytest.raises(ScenarioError, match="malformed CSV"):
        parse_csv('Actor,Capability,Position,Salience\n"A\rB",1,2,0.5\nC\r,1,2,0.5\n', source="t.csv")


def test_an_empty_optional_sd_cell_means_known_exactly_as_a_missing_column_does():
    """A CSV with position_sd for some actors only refused the blank cells ('position_sd is not a number')."""
    text = "actor,position,salience,capability,position_sd\nA,80,0.9,60,5\nB,20,0.8,50,\nC,40,0.6,15, \n"
    (issue,) = parse_csv(text, source="f.csv")
    np.testing.assert_array_equal(issue.position_sd, [5.0, 0.0, 0.0])
    (from_yaml,) = parse_yaml("issue: z\nactors:\n  - {actor: A, position: 1, salience: 1, capability: 1, "
                              "position_sd: null}\n", source="g")
    np.testing.assert_array_equal(from_yaml.position_sd, [0.0])
