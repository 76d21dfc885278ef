"""Uploading scenarios: good files in every format, and malformed ones that must fail with the CLI's message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import accord
from accord.cli.main import main
from accord.web.store import MAX_UPLOAD_BYTES

from .conftest import DATA


def upload(client, *files: tuple[str, bytes]):
    return client.post("/api/scenarios", files=[("files", (name, content, "application/octet-stream"))
                                                for name, content in files])


def cli_error(tmp_path: Path, capsys, monkeypatch, *files: tuple[str, bytes]) -> str:
    """What the command line prints for the same files (named relative to the working folder): ``accord analyze``
    for one file, ``accord convert`` (which reads several files as one scenario, like an upload) for more."""
    monkeypatch.chdir(tmp_path)
    for name, content in files:
        Path(name).write_bytes(content)
    capsys.readouterr()
    names = [name for name, _ in files]
    code = main(["analyze", *names] if len(names) == 1 else ["convert", *names, "-o", "out.yaml"])
    assert code == 2
    return capsys.readouterr().err.strip()


def test_accord_yaml_upload_then_analyze(client, mini_yaml):
    response = upload(client, ("mini.yaml", mini_yaml))
    assert response.status_code == 201, response.text
    summary = response.json()
    assert summary["name"] == "mini" and summary["source"] == "uploaded"
    assert summary["id"].startswith("upload-")
    listed = {s["id"] for s in client.get("/api/scenarios").json()}
    assert summary["id"] in listed
    analysis = client.post("/api/analyze", json={"scenario_id": summary["id"]}).json()
    assert analysis["parties"] == ["A", "B"]
    assert client.get(f"/scenarios/{summary['id']}").status_code == 200


def test_genius_files_upload_keeps_names(client, mini_yaml, tmp_path):
    import accord
    from accord.io.convert import convert

    scenario = accord.scenario_from_dict(__import__("yaml").safe_load(mini_yaml), "mini.yaml")
    written, _ = convert(scenario, tmp_path / "genius", "genius")
    files = sorted(Path(p) for p in written)
    domain = [p for p in files if b"weight" not in p.read_bytes()]
    profiles = [p for p in files if p not in domain]
    response = upload(client, *((p.name, p.read_bytes()) for p in domain + profiles))
    assert response.status_code == 201, response.text
    expected = accord.load(*(domain + profiles))
    assert response.json()["parties"] == list(expected.party_names)
    assert response.json()["name"] == expected.name


MALFORMED = [
    ("empty.yaml", b""),
    ("syntax.yaml", b"accord: 1\nname: [unclosed\n"),
    ("list.yaml", b"- 1\n- 2\n"),
    ("missing.yaml", b"accord: 1\nname: x\n"),
    ("version.yaml", b"accord: 7\nname: x\nissues: []\nparties: []\n"),
    ("latin1.json", "{\"accord\": 1, \"name\": \"caf\u00e9\"}".encode("latin-1")),
    ("broken.json", b"{\"accord\": 1, "),
    ("notes.txt", b"hello"),
    ("noext", b"accord: 1"),
    ("garbage.xml", os.urandom(64)),
    ("truncated.xml", b"<negotiation_template><utility_space><objective"),
    ("entity.xml", b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><x>&b;</x>"),
    ("profile.json", b"{\"LinearAdditiveUtilitySpace\": 3}"),
]


@pytest.mark.parametrize(("name", "content"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_upload_reads_like_the_cli(client, tmp_path, capsys, monkeypatch, name, content):
    response = upload(client, (name, content))
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert "\n" not in detail and "accord-upload" not in detail and "upload0x" not in detail
    assert f"error: {detail}" == cli_error(tmp_path, capsys, monkeypatch, (name, content))


SEVERAL = [
    (("a.yaml", b"accord: 1\n"), ("b.xml", b"<x/>")),
    (("domain.xml", b"<negotiation_template><utility_space><objective index='0' name='o'/></utility_space>"
                    b"</negotiation_template>"), ("other.xml", b"<x/>")),
    (("one.xml", b"<utility_space/>"), ("two.xml", b"<utility_space/>")),
    (("d.json", b"{\"name\": \"d\", \"issuesValues\": {}}"), ("p.json", b"[]")),
]


@pytest.mark.parametrize("files", SEVERAL, ids=[" ".join(n for n, _ in f) for f in SEVERAL])
def test_several_malformed_files_read_like_the_cli(client, tmp_path, capsys, monkeypatch, files):
    response = upload(client, *files)
    assert response.status_code == 400
    assert f"error: {response.json()['detail']}" == cli_error(tmp_path, capsys, monkeypatch, *files)


def test_client_paths_are_reduced_to_names(client, tmp_path):
    response = upload(client, ("../../../../tmp/evil.yaml", b"accord: 1\n"))
    assert response.status_code == 400
    assert response.json()["detail"].startswith("evil.yaml: ")
    response = upload(client, ("C:\\Users\\x\\evil.yaml", b"accord: 1\n"))
    assert response.json()["detail"].startswith("evil.yaml: ")


def test_upload_size_cap(client):
    big = b"#" + b"x" * (MAX_UPLOAD_BYTES + 10) + b"\n"
    response = upload(client, ("big.yaml", big))
    assert response.status_code == 413
    assert "larger than 5 MB" in response.json()["detail"]


HUGE_ISSUES = "".join(f"  - {{name: i{k}, options: [a, b, c, d, e, f, g, h, i, j]}}\n" for k in range(8))
HUGE_ADDITIVE = ("    utility:\n      weights: {" + ", ".join(f"i{k}: 0.125" for k in range(8)) + "}\n      values: {"
                 + ", ".join(f"i{k}: {{a: 1, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 0, i: 0, j: 0}}" for k in range(8))
                 + "}\n")
HUGE_BOXES = "    utility:\n      rectangles:\n        - {utility: 1, where: {i0: [0, 3]}}\n"


def test_the_outcome_cap_refuses_only_what_no_exact_method_analyses(client):
    mixed = (f"accord: 1\nname: huge\nissues:\n{HUGE_ISSUES}parties:\n"
             f"  - name: A\n{HUGE_BOXES}  - name: B\n{HUGE_ADDITIVE}")
    response = upload(client, ("huge.yaml", mixed.encode()))
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "huge.yaml: has 100,000,000 outcomes; the workbench enumerates at most 10,000,000, and beyond that it needs "
        "every utility linear-additive, or made of hyper-rectangles with no hard constraint; reduce the issues or "
        "options, or use the command line")
    additive = f"accord: 1\nname: huge\nissues:\n{HUGE_ISSUES}parties:\n  - name: A\n{HUGE_ADDITIVE}"
    accepted = upload(client, ("huge.yaml", additive.encode()))
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["outcomes"] == 10**8


def test_a_small_file_of_ten_to_the_thirty_outcomes_is_accepted(client):
    text = (DATA / "treaty-30x10.yaml").read_bytes()
    assert len(text) < 20_000
    response = upload(client, ("treaty-30x10.yaml", text))
    assert response.status_code == 201, response.text
    assert response.json()["outcomes"] == 10**30


def test_a_genius_domain_of_ten_to_the_ten_outcomes_is_accepted(client):
    from accord.io.bundled import library_scenarios

    folder = library_scenarios()["genius-large/S-1NIKFRT-1"]
    files = [folder / "S-1NIKFRT-1-domain.xml", folder / "profile-1.xml", folder / "profile-2.xml"]
    response = upload(client, *((p.name, p.read_bytes()) for p in files))
    assert response.status_code == 201, response.text
    assert response.json()["outcomes"] == 10**10 and response.json()["parties"] == ["profile-1", "profile-2"]


def test_no_files(client):
    assert client.post("/api/scenarios").status_code == 422


def test_upload_form_shows_the_error_on_the_page(client):
    response = client.post("/upload", files=[("files", ("syntax.yaml", b"accord: 1\nname: [x\n", "text/yaml"))])
    assert response.status_code == 400
    assert 'id="upload-error"' in response.text and "error: syntax.yaml: " in response.text


def test_upload_form_success_redirects(client, mini_yaml):
    response = client.post("/upload", files=[("files", ("mini.yaml", mini_yaml, "text/yaml"))],
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/scenarios/upload-")


def alias_bomb(levels: int) -> bytes:
    """A few hundred bytes of YAML whose aliases expand to 10**levels values."""
    lists = ["&a0 [" + ", ".join(["q"] * 10) + "]"]
    lists += [f"&a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, levels + 1)]
    return ("accord: 1\nname: bomb\nissues:\n  - {name: i, options: [x]}\nparties:\n  - name: A\n"
            "    utility: {weights: {i: 1}, values: {i: {x: 1}}}\nconstraints:\n  - forbid:\n"
            f"      i: [{', '.join(lists)}]\n").encode()


def test_yaml_alias_bomb_is_refused_quickly(client):
    response = upload(client, ("bomb.yaml", alias_bomb(8)))
    assert response.status_code == 400
    assert response.json()["detail"] == ("bomb.yaml: YAML anchors and aliases expand to more than 1,000,000 values; "
                                         "write the values out instead of repeating aliases")
    assert upload(client, ("self.yaml", b"a: &a [*a]\n")).status_code == 400


def test_small_aliases_are_fine(client, mini_yaml):
    text = mini_yaml.replace(b"title: Mini border talks", b"title: Mini border talks\nnotes: &n [one, two]\nsources: *n")
    response = upload(client, ("aliases.yaml", text))
    assert response.status_code == 201, response.text
    assert response.json()["notes"] == ["one", "two"]


def test_deeply_nested_json_is_refused_not_a_server_error(client):
    response = upload(client, ("deep.json", b"[" * 200_000))
    assert response.status_code == 400
    assert response.json()["detail"].startswith("deep.json: JSON is nested too deeply")


def test_a_ten_party_upload_of_ten_million_outcomes_is_refused_by_its_matrix_bytes(client):
    """Without an exact method beyond enumeration (one party's utility is made of rectangles, the others' are
    additive), the workbench's matrix limit decides."""
    issues = "".join(f"  - {{name: i{k}, options: [a, b, c, d, e, f, g, h, i, j]}}\n" for k in range(7))
    weights = ", ".join(f"i{k}: {1 / 7}" for k in range(7))
    values = ", ".join(f"i{k}: {{a: 1, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 0, i: 0, j: 0}}" for k in range(7))
    party = f"    utility:\n      weights: {{{weights}}}\n      values: {{{values}}}\n"
    boxes = "    utility:\n      rectangles:\n        - {utility: 1, where: {i0: [0, 3]}}\n"
    parties = f"  - name: P0\n{boxes}" + "".join(f"  - name: P{n}\n{party}" for n in range(1, 10))
    text = f"accord: 1\nname: wide\nissues:\n{issues}parties:\n{parties}"
    response = upload(client, ("wide.yaml", text.encode()))
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "wide.yaml: 10,000,000 outcomes × 10 parties need 763 MB of utilities; the workbench analyses at most "
        "152 MB (2,000,000 outcomes of 10 parties); reduce the issues, options or parties")


def test_notes_name_the_uploaded_files_not_the_temporary_ones(client):
    from tests.io.genius.samples import DOMAIN, PROFILE

    profile = PROFILE.format(ftype="linear", p0="0", p1="0.1", p2="0", discount="0.9").replace(
        ' evaluation="8"', "")
    response = upload(client, ("small-domain.xml", DOMAIN.encode()), ("alice.xml", profile.encode()),
                      ("bob.xml", profile.encode()))
    assert response.status_code == 201, response.text
    notes = response.json()["notes"]
    assert any("party 'alice'" in note and "no evaluation" in note for note in notes), notes
    assert not any("upload" in note for note in notes), notes


def test_a_genius_folder_uploaded_whole_skips_its_pareto_file_as_a_folder_read_does(client):
    from accord.io.bundled import library_scenarios

    folder = library_scenarios()["genius-large/S-1NIKFRT-1"]
    files = sorted(folder.iterdir())
    assert "pareto.xml" in [p.name for p in files]
    response = upload(client, *((p.name, p.read_bytes()) for p in files))
    assert response.status_code == 201, response.text
    note = ("skipped pareto.xml: GENIUS's precomputed Pareto frontier (lines of utilities), not a domain or "
            "profile; Accord computes the frontier itself")
    assert response.json()["notes"] == [note]
    assert note in accord.load(folder).notes  # the folder read says the same
    assert response.json()["outcomes"] == 10**10
    broken = upload(client, ("domain.xml", b"0.5, 1.0\n"))
    assert broken.status_code == 400 and broken.json()["detail"].startswith("domain.xml: line 1")
