import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error, assert_readable_tables

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def test_analyze_json_has_the_documented_schema():
    result = runner.invoke(app, ["analyze", str(DATA / "mini.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["scenario"] == "mini"
    assert document["parties"] == ["A", "B"]
    assert [i["name"] for i in document["issues"]] == ["island", "fishing", "share"]
    assert document["issues"][0]["values"] == ["north", "south", "shared"]
    assert document["n_outcomes"] == 70
    assert document["reservation"] == [0.3, 0.25]
    assert document["rational_outcomes"] == 42
    assert document["pareto"]["n_outcomes"] == 31
    assert len(document["pareto"]["points"]) == 27
    assert document["pareto"]["points"] == sorted(document["pareto"]["points"])
    nash = document["solutions"]["nash"]
    assert nash == {"outcome": {"island": "north", "fishing": 0, "share": 0.25}, "utilities": [0.55, 0.6]}
    assert set(document["solutions"]) == {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}


def test_analyze_report_names_the_solutions():
    result = runner.invoke(app, ["analyze", str(DATA / "mini.yaml")])
    assert result.exit_code == 0, result.output
    for fragment in ("Zone of agreement: 42 outcomes", "Pareto frontier", "Nash", "Kalai", "egalitarian",
                     "utilitarian"):
        assert fragment in result.stdout


def test_no_zone_of_agreement_reports_null_solutions(tmp_path):
    document = yaml.safe_load((DATA / "mini.yaml").read_text())
    for party in document["parties"]:
        party["reservation"] = 0.95
    path = tmp_path / "greedy.yaml"
    path.write_text(yaml.safe_dump(document))
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    data = json.loads(result.stdout)
    assert data["rational_outcomes"] == 0
    assert all(value is None for value in data["solutions"].values())
    text = runner.invoke(app, ["analyze", str(path)]).stdout
    assert "No zone of agreement" in text


def test_convert_to_accord_round_trips(tmp_path):
    out = tmp_path / "copy.yaml"
    result = runner.invoke(app, ["convert", str(DATA / "mini.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    original = json.loads(runner.invoke(app, ["analyze", str(DATA / "mini.yaml"), "--json"]).stdout)
    copied = json.loads(runner.invoke(app, ["analyze", str(out), "--json"]).stdout)
    assert copied == original


def test_a_folder_of_accord_files_is_each_of_them(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((DATA / "mini.yaml").read_text())
    result = runner.invoke(app, ["analyze", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [d["scenario"] for d in documents] == ["mini", "mini"]


def test_a_folder_of_scenario_folders_is_each_of_them(tmp_path, shared_domains):
    for name in ("Laptop", "Grocery"):
        (tmp_path / name).symlink_to(shared_domains / "genius" / name, target_is_directory=True)
    result = runner.invoke(app, ["analyze", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert [d["scenario"] for d in json.loads(result.stdout)] == ["Grocery", "Laptop"]


def test_an_empty_folder_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 2
    assert "folder holds no scenario" in result.stderr


def test_scenarios_lists_each_bundled_name_whole_with_its_feasible_outcomes():
    result = runner.invoke(app, ["scenarios"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "japan-russia-2019" in result.stdout and "japan-russia-2020" in result.stdout
    assert "207,360" in result.stdout and "331,776" not in result.stdout  # after the hard constraints


def test_scenarios_at_80_columns_cut_no_title_word():
    """The title column was cut to 'constitutio…' while 'feasible outcomes' kept its header on one line."""
    result = runner.invoke(app, ["scenarios"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("name", "title", "parties", "issues", "feasible outcomes"))
    assert "constitutional" in result.stdout


def test_analyze_at_80_columns_on_three_long_party_names_and_piped():
    """The whole report, as a pipe gets it at COLUMNS=80: no table past 80 cells, no cut word, CJK aligned."""
    result = runner.invoke(app, ["analyze", str(DATA / "long-names.yaml")], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("issue", "party", "reservation (no deal)", "Nash", "KS",
                                                   "approves (all outcomes)", "own reservation only"))


def test_a_library_name_is_the_bundled_research_scenario(shared_domains):
    by_name = json.loads(runner.invoke(app, ["analyze", "genius/Laptop", "--json"]).stdout)
    by_path = json.loads(runner.invoke(app, ["analyze", str(shared_domains / "genius" / "Laptop"), "--json"]).stdout)
    assert by_name == by_path and by_name["n_outcomes"] == 27


def test_a_library_collection_name_is_each_of_its_scenarios():
    result = runner.invoke(app, ["analyze", "geniusweb", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 15


def test_an_unknown_name_lists_the_bundled_names_and_the_library():
    result = runner.invoke(app, ["analyze", "genius/Laptopp"])
    assert_one_line_error(result, "genius/Laptopp", "japan-russia-2019", "genius/NAME", "geniusweb/NAME")


def test_a_library_name_cannot_climb_out_of_the_library():
    result = runner.invoke(app, ["analyze", "genius/../../scenarios"])
    assert_one_line_error(result, "no such file or bundled scenario")


def test_scenarios_all_lists_the_library_with_exact_counts_and_provenance():
    result = runner.invoke(app, ["scenarios", "--all"], terminal_width=80)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:5]]
            for line in result.stdout.splitlines() if line.startswith("│ genius")}
    assert len(rows) == 43 + 15 + 3
    assert rows["genius/Laptop"] == ["2", "3", "27"]
    assert rows["genius/ANAC2015_Politics"][0] == "3"
    assert rows["genius/ANAC2014_10issuesDiscountedwithRV"][2] == "10,000,000,000"
    assert rows["genius-large/30issues"][2] == "10^30"
    for collection in ("genius/", "geniusweb/", "genius-large/"):
        assert any(line.startswith(collection + " (") for line in result.stdout.splitlines()), collection
    assert "yasserfarouk/negmas" in result.stdout and "ANL-2023" in result.stdout


def test_outcome_counts_stay_exact_and_short():
    from accord.cli.scenario_commands import _outcome_count

    assert _outcome_count(207_360) == "207,360"
    assert _outcome_count(10**30) == "10^30"
    assert _outcome_count(3 * 10**20) == "3.000e+20"


def test_the_analysis_heading_wraps_at_80_columns_instead_of_being_cut():
    from accord.io import load

    title = load("japan-russia-2019").title
    result = runner.invoke(app, ["analyze", "japan-russia-2019"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    heading = " ".join(line.strip("│ ") for line in result.stdout.splitlines()[1:3])
    assert " ".join(heading.split()).startswith(" ".join(title.split()))
    assert "…" not in result.stdout  # no header, issue name or number cut
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_one_constraint_is_named_in_the_singular():
    result = runner.invoke(app, ["analyze", str(DATA / "mini.yaml")])
    assert "(1 hard constraint)" in result.stdout


def test_validate_takes_a_genius_domain_and_its_profiles_as_analyze_does(shared_domains):
    """`accord analyze domain.xml buyer.xml seller.xml` is one scenario; validate reported each file as broken."""
    folder = shared_domains / "genius" / "Laptop"
    files = [str(folder / name) for name in ("laptop_domain.xml", "laptop_buyer_utility.xml",
                                             "laptop_seller_utility.xml")]
    result = runner.invoke(app, ["validate", *files])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ok: ") == 1 and "2 parties, 3 issues" in result.stdout


def test_validate_checks_an_unknown_file_type_beside_a_scenario_on_its_own(shared_domains, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("x")
    result = runner.invoke(app, ["validate", str(DATA / "mini.yaml"), str(stray)])
    assert result.exit_code == 2
    assert "ok: " in result.stdout and "unknown file type" in result.stderr
