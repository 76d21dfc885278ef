"""The server-rendered pages: scenarios, workbench, simulation, forecast, divide, tournaments."""

from __future__ import annotations

import pytest

import accord

from .conftest import DATA, FLAGSHIP


def test_index_lists_scenarios_and_the_upload_form(client):
    page = client.get("/").text
    for name in accord.bundled_scenarios():
        assert f'href="/scenarios/{name}"' in page
    assert 'enctype="multipart/form-data"' in page and 'action="/upload"' in page


def test_pages_declare_their_icon_so_the_browser_asks_for_no_missing_favicon(client):
    """Without one, every page made the browser fetch /favicon.ico: a 404 in the console of each page."""
    for path in ("/", f"/scenarios/{FLAGSHIP}", "/forecast", "/divide"):
        assert '<link rel="icon"' in client.get(path).text, path


def test_workbench_page_has_editable_preferences_and_the_plot(client):
    page = client.get(f"/scenarios/{FLAGSHIP}").text
    scenario = accord.load(FLAGSHIP)
    owners = len(scenario.parties) + sum(len(p.constituencies) for p in scenario.parties)
    assert page.count('data-kind="weight"') == len(scenario.issues) * owners
    assert page.count('data-kind="reservation"') == len(scenario.parties)
    assert page.count('data-kind="threshold"') == owners - len(scenario.parties) == 3
    assert 'data-kind="threshold" data-constituency="1.0"' in page and 'id="ratification"' in page
    assert 'data-kind="value"' in page and 'svg xmlns="http://www.w3.org/2000/svg" class="utility-plot"' in page
    assert 'id="scenario-doc"' in page and 'id="initial-analysis"' in page


def uploaded_page(client, name: str, text: str) -> str:
    response = client.post("/api/scenarios", files={"files": (name, text.encode())})
    assert response.status_code == 201, response.text
    return client.get(f"/scenarios/{response.json()['id']}").text


def test_workbench_edits_numeric_value_functions(client, mini_yaml):
    page = uploaded_page(client, "mini.yaml", mini_yaml.decode())
    # A's fishing: linear 0 at 0 up to 1 at 4, edited by its values at the issue's ends
    assert ('value="0.0" data-kind="linear" data-end="low" data-low="0" data-high="4" data-party="0" '
            'data-issue="fishing"') in page
    assert 'value="1.0" data-kind="linear" data-end="high" data-low="0" data-high="4" data-party="0"' in page
    for point, value in (("low", "0.0"), ("top", "0.25"), ("high", "1.0")):
        assert (f'value="{value}" data-kind="triangular" data-point="{point}" data-party="1" '
                f'data-issue="share"') in page
    assert 'id="ratification"' not in page and 'data-kind="threshold"' not in page


RECTANGLES = """accord: 1
name: boxes
issues:
  - {name: a, integers: {low: 0, high: 3}}
  - {name: b, options: [x, y]}
parties:
  - name: P
    utility:
      normalizer: 10
      rectangles:
        - {utility: 7, where: {a: [0, 1]}}
        - {utility: 3, where: {a: [2, 3], b: [1, 1]}}
  - name: Q
    utility:
      weights: {a: 0.5, b: 0.5}
      values: {a: {constant: 0.5}, b: {x: 1, y: 0}}
"""


def test_workbench_edits_rectangle_utilities(client):
    page = uploaded_page(client, "boxes.yaml", RECTANGLES)
    assert 'value="7.0" data-kind="rectangle" data-rectangle="0" data-party="0"' in page
    assert 'value="10.0" data-kind="normalizer" data-party="0"' in page
    assert "a 2…3, b 1…1" in page and "their ranges are not" in page
    assert 'value="0.5" data-kind="constant" data-party="1" data-issue="a"' in page


def test_a_one_party_scenario_plots_its_party_against_itself(client):
    page = uploaded_page(client, "solo.yaml", (DATA / "solo.yaml").read_text())
    assert "Cannot show this" not in page and "<svg" in page


def test_unknown_scenario_page_is_404(client):
    assert client.get("/scenarios/..%2Fetc").status_code == 404
    page = client.get("/scenarios/nope")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "error: nope: no such scenario; pick one from the list or upload it again" in page.text
    assert client.get("/scenarios/nope/simulate").status_code == 404


def test_simulation_page_offers_every_strategy(client):
    page = client.get(f"/scenarios/{FLAGSHIP}/simulate").text
    for strategy in client.get("/api/strategies").json():
        assert f'value="{strategy["name"]}"' in page


def test_forecast_page_draws_positions_over_rounds(client):
    page = client.get(f"/forecast?name={FLAGSHIP}&rounds=4").text
    assert 'class="lines-plot"' in page and "Forecast:" in page
    bad = client.get("/forecast?name=../../etc/passwd")
    assert bad.status_code == 400 and "no bundled stakeholder file of that name" in bad.text


def test_divide_page(client):
    page = client.get("/divide?name=kurils-divide").text
    assert "points received" in page
    assert client.get(f"/divide?name={FLAGSHIP}").status_code == 400


def test_tournaments_page_without_a_store(client):
    assert "No tournament loaded" in client.get("/tournaments").text


def test_tournaments_page_shows_the_ranking(tmp_path):
    tournament = pytest.importorskip("accord.tournament")
    from fastapi.testclient import TestClient

    from accord.web import create_app

    path = tmp_path / "results.sqlite"
    plan = tournament.plan([accord.load(FLAGSHIP)], ["boulware", "conceder", "hardliner"], repetitions=1, seed=1)
    store = tournament.Store(path)
    tournament.run(plan, store, tournament.SerialExecutor())
    store.close()
    with TestClient(create_app(tournament=path)) as client:
        page = client.get("/tournaments").text
    for name in ("boulware", "conceder", "hardliner"):
        assert f"<td>{name}</td>" in page
    assert "results.sqlite:" in page


def test_three_parties_pick_their_axes(client, mini_yaml):
    import yaml

    document = yaml.safe_load(mini_yaml)
    third = {**document["parties"][0], "name": "C"}
    third.pop("reservation", None)
    document["parties"].append(third)
    response = client.post("/api/analyze", json={"scenario": document, "axes": [0, 2]})
    assert response.status_code == 200, response.text
    plot = response.json()["view"]["plot"]
    assert plot["axes"] == [0, 2] and plot["frontier_is_curve"] is False
    assert "utility of C" in response.json()["view"]["svg"]


def test_the_plot_script_is_served_from_the_report_assets(client):
    from accord.reports.html import plot_script

    response = client.get("/assets/plot.js")
    assert response.status_code == 200 and response.text == plot_script()
    assert '<script src="/assets/plot.js"></script>' in client.get("/").text


def test_every_page_carries_the_party_palette_of_the_cli_plot(client):
    from accord.reports.palette import PARTY_COLOURS

    for path in ("/", f"/scenarios/{FLAGSHIP}", f"/scenarios/{FLAGSHIP}/simulate", f"/scenarios/{FLAGSHIP}/play",
                 "/forecast", "/divide"):
        assert f'<body data-party-colours="{" ".join(PARTY_COLOURS)}">' in client.get(path).text, path


def test_the_list_counts_feasible_outcomes_and_deletes_uploads(client):
    from accord.space import feasible_size

    trio = (DATA / "trio.yaml").read_bytes()
    sid = client.post("/api/scenarios", files={"files": ("trio.yaml", trio)}).json()["id"]
    page = client.get("/").text
    row = page.split(f'href="/scenarios/{sid}"', 1)[1].split("</tr>", 1)[0]
    assert f'<td class="num">{feasible_size(accord.load(DATA / "trio.yaml")):,}</td>' in row and "UTC" in row
    assert client.post(f"/scenarios/{sid}/delete", follow_redirects=False).status_code == 303
    assert f'href="/scenarios/{sid}"' not in client.get("/").text
    assert client.post(f"/scenarios/{sid}/delete").status_code == 404
    for name in list(accord.bundled_scenarios())[:3]:
        expected = f'<td class="num">{feasible_size(accord.load(name)):,}</td>'
        assert expected in page.split(f'href="/scenarios/{name}"', 1)[1].split("</tr>", 1)[0]


def test_the_research_library_is_listed_apart_and_opens_in_the_workbench(client):
    from accord.io.bundled import library_scenarios

    page = client.get("/").text
    library = page[page.index('<details id="library">'):page.index("</details>")]
    for name in library_scenarios():
        assert f'href="/scenarios/{name.replace("/", ":")}"' in library
    assert "genius:Laptop" not in page[:page.index('<details id="library">')]
    laptop = client.get("/scenarios/genius:Laptop")
    assert laptop.status_code == 200 and "one per pixel cell" in laptop.text


@pytest.mark.parametrize("sid", ["genius:ANAC2014_10issuesDiscountedwithRV", "genius-large:S-1NIKFRT-1"])
def test_a_library_domain_of_ten_to_the_ten_shows_a_labelled_sample(client, sid):
    response = client.get(f"/scenarios/{sid}")
    assert response.status_code == 200, response.text
    assert "10,000,000,000 feasible outcomes" in response.text
    assert "a uniform random sample of 3,000 of the 10,000,000,000 outcomes (seed 0)" in response.text
    assert 'class="sample-caption"' in response.text
    assert client.get(f"/scenarios/{sid}/simulate").status_code == 200


def test_an_uploaded_ten_to_the_thirty_scenario_opens_with_its_editor_and_a_labelled_sample(client):
    page = uploaded_page(client, "treaty-30x10.yaml", (DATA / "treaty-30x10.yaml").read_text())
    assert "1,000,000,000,000,000,000,000,000,000,000 feasible outcomes" in page
    assert page.count('data-kind="weight"') == 30 * 2
    assert "a uniform random sample of 3,000 of the 1,000,000,000,000,000,000,000,000,000,000 outcomes" in page
