"""``accord report``: one self-contained HTML file; ``accord serve`` wiring."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import accord
from accord.cli.main import main
from accord.reports.build import build_report

from .conftest import FLAGSHIP


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def flagship_report(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", FLAGSHIP, "-o", str(path)]) == 0
    return path.read_text(encoding="utf-8")


def test_report_is_self_contained(flagship_report):
    parser = _Collector()
    parser.feed(flagship_report)
    for tag, attrs in parser.tags:
        assert not (tag == "script" and "src" in attrs), "scripts must be inline"
        assert not (tag == "link" and attrs.get("rel") == "stylesheet"), "styles must be inline"
        assert not (tag in ("img", "iframe") and not attrs.get("src", "data:").startswith("data:"))
    assert not re.search(r"""(src|href)=["']https?://""", flagship_report)


def test_report_has_every_section(flagship_report):
    analysis = accord.analyze(accord.load(FLAGSHIP))
    for heading in ("Bargaining solutions", "Utility space", "Parties", "Pareto frontier", "Simulation",
                    "Forecast", "Sources"):
        assert f"<h2>{heading}</h2>" in flagship_report
    # the utility space, shaded by robustness, with the simulation's offers and with the history's offers
    assert flagship_report.count('<svg xmlns="http://www.w3.org/2000/svg" class="utility-plot"') == 4
    assert 'class="lines-plot"' in flagship_report
    nash = analysis.solutions["nash"]
    assert f"{nash.utilities[0]:.4f}" in flagship_report and f"{nash.utilities[1]:.4f}" in flagship_report
    assert "207,360 feasible outcomes" in flagship_report
    assert 'id="plot-data"' in flagship_report and "AccordPlot" in flagship_report


def test_report_has_the_robustness_and_history_sections(flagship_report):
    from accord.audit import audit, read_record
    from accord.robust import robust

    scenario = accord.load(FLAGSHIP)
    document = robust(scenario, 200, seed=0).to_json()
    section = flagship_report.split("<h2>Robustness</h2>")[1].split("<h2>")[0]
    assert "200 scenarios drawn (seed 0)" in section
    for key in ("p_zone", "p_ratifiable_zone"):
        assert f"{document[key]['value']:.1%} ± {document[key]['se']:.1%}" in section
    assert 'class="cloud shaded"' in section
    history = flagship_report.split("<h2>History against the model</h2>")[1].split("<h2>")[0]
    moves = audit(read_record("japan-russia-history", scenario)).to_json()["moves"]
    assert history.count("<tr><td>") == len(moves)
    assert "The record ends without agreement." in history


def test_report_sections_follow_the_options(tmp_path):
    scenario = accord.load(FLAGSHIP)
    text = build_report(scenario, samples=0, record=None)
    assert "<h2>Robustness</h2>" not in text and "<h2>History against the model</h2>" not in text
    mini = accord.load(str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml"))
    assert "<h2>Robustness</h2>" not in build_report(mini)  # no distributions, no robustness section
    path = tmp_path / "r.html"
    assert main(["report", FLAGSHIP, "-o", str(path), "--samples", "20", "--record", "japan-russia-history"]) == 0
    assert "20 scenarios drawn (seed 0)" in path.read_text(encoding="utf-8")


def test_report_refuses_a_record_for_another_scenario(tmp_path, capsys):
    path = tmp_path / "r.html"
    assert main(["report", "japan-russia-2020", "-o", str(path), "--samples", "0",
                 "--record", "japan-russia-history"]) == 2
    assert "the record is for scenario 'japan-russia-2019'" in capsys.readouterr().err
    assert not path.exists()


def test_report_audits_a_record_that_names_the_scenario_by_its_file(tmp_path):
    """`accord audit FILE RECORD` took a record whose scenario is FILE's path; `accord report FILE --record RECORD`
    refused the same record because it compared the path with the scenario's name."""
    scenario_file = tmp_path / "talks-2024.yaml"  # a file named otherwise than its scenario ('mini')
    scenario_file.write_bytes((Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_bytes())
    record = tmp_path / "record.yaml"
    record.write_text(f"accord-record: 1\nscenario: {scenario_file}\nmoves:\n"
                      "  - {round: 1, party: A, action: offer, offer: {island: north}}\n", encoding="utf-8")
    assert main(["audit", str(scenario_file), str(record)]) == 0
    path = tmp_path / "r.html"
    assert main(["report", str(scenario_file), "-o", str(path), "--record", str(record)]) == 0
    assert "<h2>History against the model</h2>" in path.read_text(encoding="utf-8")


def test_report_is_deterministic():
    scenario = accord.load(FLAGSHIP)
    assert build_report(scenario, stakeholders=FLAGSHIP) == build_report(scenario, stakeholders=FLAGSHIP)


def test_report_escapes_scenario_text(tmp_path):
    document = accord.scenario_to_dict(accord.load(FLAGSHIP))
    document["title"] = "<script>alert(1)</script>"
    text = build_report(accord.scenario_from_dict(document, "x"))
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_committed_flagship_report_is_current():
    """The committed report shows today's analysis (regenerate it with the command in its footer)."""
    from pathlib import Path

    committed = Path(__file__).resolve().parents[2] / "docs" / "report-japan-russia-2019.html"
    if not committed.exists():
        pytest.skip("docs/report-japan-russia-2019.html not generated yet")
    text = committed.read_text(encoding="utf-8")
    analysis = accord.analyze(accord.load(FLAGSHIP))
    assert f"{analysis.n_outcomes:,} feasible outcomes" in text
    for deal in analysis.solutions.values():
        assert "".join(f"<td>{u:.4f}</td>" for u in deal.utilities[:1]) in text
    assert "accord report japan-russia-2019 -o report-japan-russia-2019.html" in text
    ratification = analysis.ratification
    assert "<h2>Domestic ratification</h2>" in text
    assert (f"shrinks from {ratification.zone:,} to {ratification.zone_with_ratification:,} outcomes") in text
    assert "<h2>Robustness</h2>" in text and "<h2>History against the model</h2>" in text


def test_report_errors_are_one_line(tmp_path, capsys):
    assert main(["report", "nope-scenario", "-o", str(tmp_path / "r.html")]) == 2
    assert capsys.readouterr().err.startswith("error: nope-scenario: no such file or bundled scenario")
    assert main(["report", FLAGSHIP, "-o", str(tmp_path / "r.pdf")]) == 2
    assert "name an .html file" in capsys.readouterr().err
    assert main(["report", FLAGSHIP, "-o", str(tmp_path / "r.html"), "--strategies", "nope,conceder"]) == 2
    assert capsys.readouterr().err.startswith("error: --strategies: unknown strategy 'nope'")
    assert not (tmp_path / "r.html").exists()


def test_serve_binds_localhost_by_default(monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs, app=app))
    assert main(["serve"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert main(["serve", "--port", "8123"]) == 0 and seen["port"] == 8123
    from fastapi.testclient import TestClient

    local = TestClient(seen["app"], base_url="http://127.0.0.1:8123")
    assert local.get("/api/scenarios").status_code == 200
    rebound = TestClient(seen["app"], base_url="http://evil.example:8123")
    assert rebound.get("/api/scenarios").status_code == 400


def test_serve_on_ipv6_loopback_prints_a_url_and_checks_the_host(monkeypatch, capsys):
    import uvicorn
    from fastapi.testclient import TestClient

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs, app=app))
    assert main(["serve", "--host", "::1", "--port", "8123"]) == 0
    assert "http://[::1]:8123/" in capsys.readouterr().out
    assert TestClient(seen["app"], base_url="http://[::1]:8123").get("/api/scenarios").status_code == 200
    assert TestClient(seen["app"], base_url="http://evil.example:8123").get("/api/scenarios").status_code == 400


def test_serve_refuses_a_tournament_store_that_is_not_one(tmp_path, capsys, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: pytest.fail("the server started"))
    assert main(["serve", "--tournament", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.db: no such tournament database" in err[0]
    empty = tmp_path / "empty.sqlite"
    empty.write_text("")
    assert main(["serve", "--tournament", str(empty)]) == 2
    assert "empty.sqlite: holds no tournament" in capsys.readouterr().err
    assert empty.read_bytes() == b""


def test_report_of_a_library_domain_of_ten_to_the_ten_outcomes(tmp_path):
    path = tmp_path / "anac.html"
    assert main(["report", "genius/ANAC2014_10issuesDiscountedwithRV", "-o", str(path), "--rounds", "20"]) == 0
    text = path.read_text(encoding="utf-8")
    assert "a uniform random sample of 3,000 of the 10,000,000,000 outcomes (seed 0)" in text
    assert "8 frontier utility vectors (486,416 outcomes)" in text
    assert "<h2>Bargaining solutions</h2>" in text and "Nash" in text
