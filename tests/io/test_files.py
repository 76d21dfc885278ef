"""The one reader every Accord file goes through: limits and refusals before any work is done."""

from __future__ import annotations

import os

import pytest

from accord.errors import ScenarioError
from accord.io import files
from accord.io.files import MAX_FILE_BYTES, parse_json, parse_yaml, read_bytes, read_json, read_text, read_yaml


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_yaml(fifo)


def test_a_link_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ScenarioError, match="not a regular file"):
        read_bytes(link)


def test_a_file_over_the_limit_is_refused_after_reading_at_most_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ScenarioError, match="larger than the limit of 16,777,216 bytes"):
        read_text(big)
    with pytest.raises(ScenarioError, match="larger than"):
        read_bytes(big, limit=10)


def test_missing_files_and_folders_are_named(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        read_bytes(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match="is a folder"):
        read_bytes(tmp_path)


def test_a_nul_byte_is_refused(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"accord: 1\nname: a\x00b\n")
    with pytest.raises(ScenarioError, match="NUL"):
        read_yaml(path)


@pytest.mark.parametrize("text", ["w: .nan", "w: .inf", "w: -.Inf", "w: 1.0e+400", "w: [1.0, .NaN]"])
def test_yaml_non_finite_numbers_are_refused_with_their_place(text):
    with pytest.raises(ScenarioError, match="not a finite number") as caught:
        parse_yaml(text, "s.yaml")
    assert caught.value.where.startswith("line 1, column")


@pytest.mark.parametrize("text", ['{"w": NaN}', '{"w": Infinity}', '{"w": -Infinity}', '{"w": 1e400}'])
def test_json_non_finite_numbers_are_refused(text):
    with pytest.raises(ScenarioError, match="not a (number Accord accepts|finite number)"):
        parse_json(text, "s.json")


def test_json_non_finite_numbers_are_refused_with_a_custom_float_parser_too():
    from decimal import Decimal

    with pytest.raises(ScenarioError, match="'1e400000' is not a finite number"):
        parse_json('{"w": 1e400000}', "s.json", parse_float=Decimal)


def test_overlong_numbers_are_refused():
    digits = "9" * 5000
    with pytest.raises(ScenarioError, match="5,000 digits"):
        parse_yaml(f"high: {digits}", "s.yaml")
    with pytest.raises(ScenarioError, match="5,000 digits"):
        parse_json(f'{{"high": {digits}}}', "s.json")


def test_duplicate_yaml_keys_name_both_lines():
    with pytest.raises(ScenarioError, match=r"the key 'north' appears twice \(line 2 and line 3\)") as caught:
        parse_yaml("values:\n  north: 1.0\n  north: 0.0\n", "s.yaml")
    assert "keep one" in str(caught.value)


def test_a_duplicate_yaml_key_is_located_at_its_repeat_not_at_the_mapping():
    """Inside a list item the place was the item's first line ('line 1, column 3: ... (line 2 and line 3)')."""
    with pytest.raises(ScenarioError) as caught:
        parse_yaml("- name: A\n  reservation: 0.3\n  reservation: 0.2\n", "s.yaml")
    assert str(caught.value).startswith("s.yaml: line 3, column 3: the key 'reservation' appears twice"), caught.value


def test_duplicate_json_keys_name_both_lines():
    with pytest.raises(ScenarioError, match=r'"north" appears twice in one object \(line 2 and line 3\)'):
        parse_json('{\n"north": 1.0,\n"north": 0.0}', "s.json")


def test_the_same_key_in_different_mappings_is_fine():
    assert parse_yaml("a: {x: 1}\nb: {x: 2}\n", "s.yaml") == {"a": {"x": 1}, "b": {"x": 2}}
    assert parse_json('{"a": {"x": 1}, "b": {"x": 2}}', "s.json") == {"a": {"x": 1}, "b": {"x": 2}}


def test_an_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    with pytest.raises(ScenarioError, match="aliases expand"):
        parse_yaml("\n".join(lines), "bomb.yaml")


def test_deep_nesting_is_refused():
    with pytest.raises(ScenarioError, match="nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000, "deep.json")
    with pytest.raises(ScenarioError, match="nested too deeply|invalid YAML"):
        parse_yaml("[" * 100_000 + "]" * 100_000, "deep.yaml")


def test_ordinary_files_read_as_before(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text('{"a": [1, 2.5, "x"], "b": null}', encoding="utf-8")
    assert read_json(path) == {"a": [1, 2.5, "x"], "b": None}
    path = tmp_path / "ok.yaml"
    path.write_text("a: [1, 2.5, x]\nb: 1_000\nc: 1:30\n", encoding="utf-8")
    assert read_yaml(path) == {"a": [1, 2.5, "x"], "b": 1000, "c": 90}


YAML_TEXTS = [
    "a: 1\nb: [1.5, x, null, true]\nc: {d: 2020-01-01, e: '1e3'}\n",
    "base: &b {x: 1}\nboth: [*b, *b]\n",
    "ééé: {x: 1}\nb: [ä, ö]\n",
    "",
    "a: b: c\n",                       # errors: the Python loader's messages, not libyaml's
    "\t- x\n",
    "a: [1,\n",
    "a: \x07\n",
    "a: \"\ud800\"\n",
    "[" * 2000 + "]" * 2000,
    "a: 1\nb: 2\na: 3\n",
    "a: .nan\n",
]


def _outcome(text: str):
    try:
        return parse_yaml(text, "t.yaml")
    except ScenarioError as error:
        return str(error)


@pytest.mark.skipif(files._LibyamlLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", YAML_TEXTS)
def test_libyaml_reads_and_refuses_exactly_as_the_python_loader(text, monkeypatch):
    fast = _outcome(text)
    monkeypatch.setattr(files, "_LibyamlLoader", None)
    assert fast == _outcome(text)


def test_numbers_with_an_exponent_are_numbers_as_in_yaml_1_2():
    from accord.io.files import parse_yaml

    assert parse_yaml("a: [1e308, 1.5e3, .5e2, -2E-3, 12, x1e5, 1e]", "n.yaml") == {
        "a": [1e308, 1500.0, 50.0, -0.002, 12, "x1e5", "1e"]}
    with pytest.raises(ScenarioError, match="'1e400' is not a finite number"):
        parse_yaml("a: 1e400", "n.yaml")


def test_write_atomic_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    from accord.io import files

    target = tmp_path / "out.yaml"
    files.write_atomic(target, "first\n")
    assert target.read_text() == "first\n"

    def full(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ScenarioError, match=r"No space left on device\); any earlier file is unchanged"):
        files.write_atomic(target, "second, much longer\n" * 1000)
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_yaml_json_and_plain_text_numbers_obey_one_rule_with_one_message():
    """The digit and finite-number rules had two implementations (the YAML checks had their own copy)."""
    from accord.io.files import finite_number

    messages = set()
    for read in (lambda: parse_yaml("w: 1e400", "s"), lambda: parse_json('{"w": 1e400}', "s"),
                 lambda: finite_number("1e400", "s")):
        with pytest.raises(ScenarioError) as caught:
            read()
        messages.add(caught.value.message)
    assert messages == {"'1e400' is not a finite number"}
    assert parse_yaml("w: [1_000.5, 1:30.5]", "s") == {"w": [1000.5, 90.5]}  # YAML 1.1 floats stay numbers
