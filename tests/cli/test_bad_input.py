"""Bad input, end to end through the CLI: one line naming file and place, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def mini() -> dict:
    return yaml.safe_load((DATA / "mini.yaml").read_text())


def write(tmp_path: Path, document, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return path


def edit(change):
    document = mini()
    change(document)
    return document


CASES = {
    "malformed yaml": ("accord: 1\nissues: [a, b\n", ["invalid YAML", "line"]),
    "unknown issue in weights": (edit(lambda d: d["parties"][0]["utility"]["weights"].update(shikotan=0.1)),
                                 ["parties[0].utility.weights.shikotan", "unknown issue"]),
    "missing weight": (edit(lambda d: d["parties"][1]["utility"]["weights"].pop("fishing")),
                       ["parties[1].utility.weights", "no weight for issue 'fishing'"]),
    "option not in issue": (edit(lambda d: d["parties"][0]["utility"]["values"]["island"].update(east=0.5)),
                            ["parties[0].utility.values.island.east", "not an option"]),
    "negative weight": (edit(lambda d: d["parties"][0]["utility"]["weights"].update(island=-0.5)),
                        ["parties[0].utility.weights.island", "negative weight"]),
    "empty issue": (edit(lambda d: d["issues"][0].update(options=[])), ["issues[0].options", "no options"]),
    "duplicate issue names": (edit(lambda d: d["issues"][1].update(name="island")),
                              ["issues[1].name", "duplicate issue name"]),
    "duplicate party names": (edit(lambda d: d["parties"][1].update(name="A")),
                              ["parties[1].name", "duplicate party name"]),
    "unknown field": (edit(lambda d: d["parties"][0].update(reservaton=0.2)),
                      ["parties[0].reservaton", "unknown field"]),
    "reservation out of range": (edit(lambda d: d["parties"][0].update(reservation=1.5)),
                                 ["parties[0].reservation"]),
    "value out of range": (edit(lambda d: d["parties"][0]["utility"]["values"]["island"].update(north=3)),
                           ["parties[0].utility.values.island.north", "outside [0, 1]"]),
    "wrong version": (edit(lambda d: d.update(accord=2)), ["accord", "write 'accord: 1'"]),
    "not a mapping": ("- just\n- a list\n", ["not an Accord scenario"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_accord_file(tmp_path, case):
    document, fragments = CASES[case]
    path = write(tmp_path, document)
    result = runner.invoke(app, ["analyze", str(path)])
    assert_one_line_error(result, str(path), *fragments)


def test_missing_file():
    result = runner.invoke(app, ["analyze", "no/such/file.yaml"])
    assert_one_line_error(result, "no/such/file.yaml", "no such file")


def test_unknown_suffix(tmp_path):
    path = write(tmp_path, "x", name="scenario.txt")
    assert_one_line_error(runner.invoke(app, ["analyze", str(path)]), "scenario.txt", "unknown file type")


def test_validate_reports_every_error_at_once(tmp_path):
    def break_twice(d):
        d["parties"][0]["utility"]["weights"]["shikotan"] = 0.1
        d["issues"][0]["options"] = ["north", "south", "north"]
    path = write(tmp_path, edit(break_twice))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 2
    assert any("weights.shikotan" in line for line in lines)
    assert any("issues[0].options" in line for line in lines)


def test_validate_ok():
    result = runner.invoke(app, ["validate", str(DATA / "mini.yaml")])
    assert result.exit_code == 0
    assert "ok:" in result.stdout


def test_convert_needs_a_known_target(tmp_path):
    result = runner.invoke(app, ["convert", str(DATA / "mini.yaml"), "-o", str(tmp_path / "out"), "--to", "pdf"])
    assert_one_line_error(result, "--to", "unknown target format")


@pytest.mark.parametrize("target", [[], ["--to", "geniusweb"]])
def test_convert_to_an_unwritable_place(tmp_path, target):
    blocker = write(tmp_path, "a file, not a folder", name="blocker.txt")
    out = blocker / ("out.yaml" if not target else "out")
    result = runner.invoke(app, ["convert", str(DATA / "mini.yaml"), "-o", str(out), *target])
    assert_one_line_error(result, "blocker.txt", "cannot write", "writable --output")


def test_convert_onto_a_folder_named_like_a_file(tmp_path):
    (tmp_path / "out.yaml").mkdir()
    result = runner.invoke(app, ["convert", str(DATA / "mini.yaml"), "-o", str(tmp_path / "out.yaml")])
    assert_one_line_error(result, "out.yaml", "cannot write")


def test_too_many_outcomes(tmp_path):
    document = mini()
    document["issues"] = [{"name": f"i{k}", "integers": {"low": 0, "high": 99}} for k in range(5)]
    for party in document["parties"]:
        party["utility"] = {"weights": {f"i{k}": 0.2 for k in range(5)},
                            "values": {f"i{k}": {"linear": {"slope": 0.01, "offset": 0}} for k in range(5)}}
    document.pop("constraints")
    path = str(write(tmp_path, document))
    result = runner.invoke(app, ["analyze", path, "--method", "enumeration"])
    assert_one_line_error(result, "bad.yaml", "10,000,000,000 outcomes", "at most")
    analysed = runner.invoke(app, ["analyze", path, "--json"])  # an exact search instead of enumeration
    assert analysed.exit_code == 0 and '"method": "additive-merge"' in analysed.stdout


def test_usage_errors_are_one_line_with_exit_code_2(capsys):
    from accord.cli.main import main

    assert main(["analyze", str(DATA / "mini.yaml"), "--bogus"]) == 2
    assert main(["analyze", str(DATA / "mini.yaml"), "--rows", "0"]) == 2
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert "No such option" in err[0] and "--bogus" in err[0] and "accord analyze" in err[0]
    assert "--rows" in err[1]
    assert "No such command" in err[2]


def test_missing_argument_reads_as_one_sentence(capsys):
    from accord.cli.main import main

    assert main(["convert", str(DATA / "mini.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "error: accord convert: Missing option '-o' / '--output'; see 'accord convert --help'"


GENIUS_DOMAIN = """<negotiation_template><utility_space number_of_issues="1">
<objective index="0" etype="objective" type="objective" name="root">
<issue index="1" name="price" etype="integer" type="integer" vtype="integer" lowerbound="0"/>
</objective></utility_space></negotiation_template>
"""


GENIUS_PROFILE = """<utility_space><objective index="0" etype="objective" type="objective" name="root">
<issue index="1" name="price" etype="integer" type="integer" vtype="integer" lowerbound="0" upperbound="3">
<evaluator ftype="linear" slope="0.25" offset="0"/></issue>
<weight index="1" value="1"/></objective></utility_space>
"""


def test_genius_file_with_missing_attributes(tmp_path):
    path = write(tmp_path, GENIUS_DOMAIN, name="domain.xml")
    profile = write(tmp_path, GENIUS_PROFILE, name="profile.xml")
    result = runner.invoke(app, ["analyze", str(path), str(profile)])
    assert_one_line_error(result, "domain.xml", "missing attribute 'upperbound'")


def test_file_that_is_not_xml(tmp_path):
    path = write(tmp_path, "this is { not xml", name="profile.xml")
    result = runner.invoke(app, ["analyze", str(path)])
    assert_one_line_error(result, "profile.xml", "not well-formed XML")


def test_folder_with_no_profiles(tmp_path):
    folder = tmp_path / "only-domain"
    folder.mkdir()
    (folder / "domain.xml").write_text(GENIUS_DOMAIN.replace('lowerbound="0"', 'lowerbound="0" upperbound="3"'))
    result = runner.invoke(app, ["analyze", str(folder)])
    assert_one_line_error(result, "only-domain", "no preference profile")


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [*a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, "
              f"*a{k - 1}, *a{k - 1}, *a{k - 1}]" for k in range(1, 9)]
    path = write(tmp_path, "\n".join(lines) + "\n", name="bomb.yaml")
    assert_one_line_error(runner.invoke(app, ["analyze", str(path)]), "bomb.yaml", "expand to more than 1,000,000")


def test_deeply_nested_json(tmp_path):
    path = write(tmp_path, "[" * 100_000 + "]" * 100_000, name="deep.json")
    assert_one_line_error(runner.invoke(app, ["analyze", str(path)]), "deep.json", "nested too deeply")


def test_every_command_maps_to_the_module_that_registers_it():
    from accord.cli.main import COMMANDS, build_app

    for command, module in COMMANDS.items():
        assert command in build_app((module,)).commands, (command, module)
    assert set(app.commands) == set(COMMANDS)


def test_constraints_that_rule_out_everything(tmp_path):
    document = mini()
    document["constraints"] = [{"forbid": {"island": ["north", "south", "shared"]}}]
    path = write(tmp_path, document)
    assert_one_line_error(runner.invoke(app, ["analyze", str(path)]), str(path), "constraints",
                          "rule out every outcome")


def test_a_yaml_alias_that_contains_itself_is_refused(tmp_path):
    path = write(tmp_path, "a: &a [*a]\n", name="self.yaml")
    assert_one_line_error(runner.invoke(app, ["analyze", str(path)]), "self.yaml", "expand to more than")


def test_validate_catches_constraints_that_rule_out_every_outcome(tmp_path):
    path = write(tmp_path, edit(lambda d: d["constraints"].append({"forbid": {"island": ["north", "south", "shared"]}})))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "constraints: the constraints rule out every outcome; relax or remove a constraint" in result.stderr


def test_validate_says_how_many_outcomes_are_feasible():
    result = runner.invoke(app, ["validate", str(DATA / "mini.yaml")])
    assert "75 outcomes before constraints, 70 feasible" in result.stdout
