"""accord tournament / accord results: JSON shapes, spec files, one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from accord.cli.main import app
from accord.tournament import Store, plan, run
from accord.tournament.plan import Settings
from tests.cli_assertions import assert_one_line_error, assert_readable_tables

from tests.tournament.conftest import MINI, Raises

runner = CliRunner()
STRATEGIES = "linear,boulware,conceder"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def check_shape(document):
    assert isinstance(document["sessions"], int)
    assert document["strategies"]
    for entry in document["strategies"]:
        assert isinstance(entry["name"], str)
        assert isinstance(entry["mean_utility"], float)
        assert isinstance(entry["agreement_rate"], float)


def test_flags_run_store_export_and_results_agree(tmp_path, laptop, shared_domains):
    db, out_csv, out_parquet = tmp_path / "t.db", tmp_path / "r.csv", tmp_path / "r.parquet"
    result = invoke("tournament", "--strategies", STRATEGIES, "--scenarios", MINI, shared_domains / "genius/Laptop",
                    "--repetitions", 2, "--db", db, "--csv", out_csv, "--parquet", out_parquet, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    check_shape(document)
    assert document["sessions"] == 2 * 6 * 2 == document["planned"]
    assert [s["name"] for s in document["spec"]["scenarios"]] == ["mini", "Laptop"]
    assert out_csv.read_text().startswith("name,sessions,mean_utility")
    assert out_parquet.stat().st_size > 0

    shown = invoke("results", db, "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == document

    table = invoke("results", db)
    assert table.exit_code == 0
    for name in STRATEGIES.split(","):
        assert name in table.stdout
    assert "Results: 24 of 24 sessions" in table.stdout

    rows_csv, rows_parquet = tmp_path / "sessions.csv", tmp_path / "sessions.parquet"
    exported = invoke("results", db, "--sessions", rows_csv)
    assert exported.exit_code == 0, exported.stderr
    import csv

    with rows_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 24 and [int(r["idx"]) for r in rows] == list(range(24))
    assert all(len(json.loads(r["utilities"])) == 2 for r in rows)
    assert invoke("results", db, "--sessions", rows_parquet).exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(rows_parquet)
    assert table.num_rows == 24 and table.column("seed").to_pylist() == [int(r["seed"]) for r in rows]
    assert_one_line_error(invoke("results", db, "--sessions", tmp_path / "s.txt"), "--sessions", ".csv or .parquet")


def test_spec_file_with_relative_paths_default_db_and_overrides(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "mini.yaml").write_text(MINI.read_text())
    spec = tmp_path / "league.yaml"
    spec.write_text(yaml.safe_dump({"strategies": ["linear", "boulware"], "scenarios": ["scenarios/mini.yaml"],
                                    "repetitions": 2, "seed": 3, "self_play": True}))
    result = invoke("tournament", spec, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sessions"] == 4 * 2
    assert (tmp_path / "league.db").is_file()
    more = invoke("tournament", spec, "--repetitions", 3, "--db", tmp_path / "more.db", "--json")
    assert more.exit_code == 0, more.stderr
    assert json.loads(more.stdout)["sessions"] == 4 * 3


def test_faults_are_reported_by_results(tmp_path, mini):
    db = tmp_path / "f.db"
    with Store(db) as store:
        run(plan([mini], ["linear", Raises()], settings=Settings(timeout=5)), store)
    shown = invoke("results", db)
    assert shown.exit_code == 0
    text = " ".join(shown.stdout.split())
    assert "lost to faults" in text and "t-raises raised: RuntimeError: boom" in text
    document = json.loads(invoke("results", db, "--json").stdout)
    assert "2 sessions lost to faults" in text and "session(s)" not in text
    assert document["faults"] == {"raised": 2}
    assert {s["name"]: s["faults"] for s in document["strategies"]} == {"linear": 0, "t-raises": 2}


def write_spec(tmp_path, **data) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"strategies": ["linear", "boulware"], "scenarios": [str(MINI)], **data}))
    return spec


@pytest.mark.parametrize("args, fragments", [
    (["--strategies", "linear,nope", "--scenarios", MINI], ["--strategies", "unknown strategy 'nope'"]),
    (["--strategies", "linear,boulware", "--scenarios", MINI, "--repetitions", 0], ["--repetitions"]),
    (["--strategies", "linear,boulware", "--scenarios", MINI, "--rounds", -1], ["--rounds"]),
    (["--strategies", "linear,boulware", "--scenarios", MINI, "--workers", 0], ["--workers"]),
    (["--strategies", "linear,boulware", "--scenarios", "no/such/file.yaml"], ["no/such/file.yaml", "no such file"]),
    (["--strategies", "linear,boulware"], ["no scenarios given"]),
    (["--scenarios", MINI], ["no strategies given"]),
    ([], ["no strategies given"]),
    (["missing-spec.yaml"], ["missing-spec.yaml", "no such spec file"]),
    (["--strategies", "linear,boulware", "--scenarios", MINI, "--protocol", "auction"], ["unknown protocol"]),
])
def test_bad_options_are_one_line_errors(tmp_path, args, fragments):
    assert_one_line_error(invoke("tournament", *args, "--db", tmp_path / "x.db"), *fragments)


def test_bad_spec_files_are_one_line_errors(tmp_path):
    assert_one_line_error(invoke("tournament", write_spec(tmp_path, repetitons=2)),
                          "spec.yaml", "unknown key 'repetitons'")
    assert_one_line_error(invoke("tournament", write_spec(tmp_path, repetitions="many")),
                          "spec.yaml", "repetitions")
    assert_one_line_error(invoke("tournament", write_spec(tmp_path, strategies=["linear", 3])),
                          "spec.yaml: strategies[1]: input should be a valid string (got 3)")
    assert_one_line_error(invoke("tournament", write_spec(tmp_path), "--repetitions", 0),
                          "error: --repetitions: input should be greater than or equal to 1 (got 0); "
                          "see 'accord tournament --help'")


def test_a_different_tournament_in_the_same_db_is_refused(tmp_path):
    db = tmp_path / "t.db"
    assert invoke("tournament", "--strategies", "linear,boulware", "--scenarios", MINI, "--db", db).exit_code == 0
    again = invoke("tournament", "--strategies", "linear,boulware", "--scenarios", MINI, "--seed", 5, "--db", db)
    assert_one_line_error(again, str(db), "holds a different tournament")


def test_results_errors(tmp_path):
    assert_one_line_error(invoke("results", tmp_path / "none.db"), "no such tournament database")
    junk = tmp_path / "junk.db"
    junk.write_text("hello " * 200)
    assert_one_line_error(invoke("results", junk), "not a tournament database")


def test_results_leave_an_empty_or_foreign_file_untouched(tmp_path):
    import sqlite3

    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert_one_line_error(invoke("results", empty), "empty.yaml", "holds no tournament")
    assert empty.read_bytes() == b""
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    connection.close()
    before = other.read_bytes()
    assert_one_line_error(invoke("results", other), "other.sqlite", "another program's database")
    assert other.read_bytes() == before


def test_results_says_where_it_wrote_the_sessions(tmp_path):
    db = tmp_path / "t.db"
    assert invoke("tournament", "--strategies", "linear,boulware", "--scenarios", MINI, "--db", db).exit_code == 0
    result = invoke("results", db, "--sessions", tmp_path / "rows.csv")
    assert result.exit_code == 0 and f"wrote {tmp_path / 'rows.csv'}" in result.stdout


@pytest.mark.parametrize("option", ["--csv", "--parquet"])
def test_an_unwritable_export_is_refused_before_the_run(tmp_path, option):
    db = tmp_path / "t.db"
    folder = tmp_path / "taken"
    folder.mkdir()
    for target, fragments in ((folder, ["taken", "is a folder", option]),
                              (tmp_path / "missing" / "x.csv", ["missing", "folder does not exist", option])):
        result = invoke("tournament", "--strategies", "linear,boulware", "--scenarios", MINI, "--db", db,
                        option, target)
        assert_one_line_error(result, *fragments)
        assert not db.exists()


def test_a_dask_address_without_a_port_is_one_line(tmp_path):
    pytest.importorskip("distributed")
    result = invoke("tournament", "--strategies", "linear,boulware", "--scenarios", MINI, "--db", tmp_path / "t.db",
                    "--dask", "nonsense")
    assert_one_line_error(result, "error: --dask: cannot reach the Dask scheduler at nonsense", "tcp://HOST:8786",
                          "or use --dask local")


def test_a_spec_file_that_does_not_parse_is_named(tmp_path):
    broken = tmp_path / "league.yaml"
    broken.write_text("strategies: [linear, boulware\n")
    assert_one_line_error(invoke("tournament", broken), "league.yaml", "invalid YAML")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert_one_line_error(invoke("tournament", empty), "empty.yaml", "must be a mapping")


def test_a_serial_run_with_a_timeout_kills_a_strategy_that_defeats_the_guards(tmp_path, monkeypatch):
    """Issue 11 §15: without --workers, a strategy that catches BaseException in a loop hung `accord tournament`
    for ever, even with --timeout, and every re-run hit the same session. Now it loses that session (hung) and the
    re-run resumes with nothing left to do."""
    from accord.strategies.registry import REGISTERED, StrategyInfo

    from tests.tournament.conftest import Swallows
    from tests.tournament.test_faults import safety_deadline

    monkeypatch.setitem(REGISTERED, Swallows.name, StrategyInfo.of(Swallows))
    db = tmp_path / "hang.db"
    # budget and timeout far above any call of linear's, so a loaded machine cannot make linear the culprit
    args = ("tournament", "--strategies", f"linear,{Swallows.name}", "--scenarios", MINI, "--budget", 0.5,
            "--timeout", 0.5, "--db", db)
    with safety_deadline(300):
        first = invoke(*args)
        again = invoke(*args)
    assert first.exit_code == 0, first.output
    assert again.exit_code == 0 and "2 of 2 sessions already stored" in again.output, again.output
    document = json.loads(invoke("results", db, "--json").stdout)
    assert document["faults"] == {"hung": 2}
    assert {s["name"]: s["faults"] for s in document["strategies"]} == {"linear": 0, Swallows.name: 2}


def test_the_ranking_of_long_strategy_names_fits_80_columns_whole(tmp_path):
    """'accept-above-reservation' pushed the ranking past 80 columns: Rich cut it and the headers ('medi…', 'agre…')
    and dropped the n column; the ranking then closes its gaps to one space."""
    db = tmp_path / "t.db"
    args = ["--strategies", "accept-above-reservation,tit-for-tat-absolute", "--scenarios", MINI, "--rounds", "20"]
    assert invoke("tournament", *args, "--db", db, "--json").exit_code == 0
    result = runner.invoke(app, ["results", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["strategy", "n", "utility", "median", "agreed", "welfare", "Pareto", "Nash", "faults"]
    assert any(line.startswith("accept-above-reservation ") for line in lines)
