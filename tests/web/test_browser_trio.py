"""The workbench on the user's own three-party scenario, in headless Chromium (fixtures of test_browser.py).

Uploads tests/data/trio.yaml (three parties, a constraint, a ratifier) through the page, then checks what issue 9
asks for: projections labelled as such with the hidden party shown, a bad edit's one-line error, edits that
reach the simulation and the report (which say which version they run), the simulate page's axis picker,
uploads told apart and deleted, feasible counts, and forecast/divide on the user's own files.
"""

from __future__ import annotations

import re

import pytest

import accord

from .conftest import DATA
from .test_browser import browser, server  # noqa: F401 - the live server and Chromium fixtures
from .test_browser import pytestmark  # noqa: F401 - skip without Chromium

TRIO = DATA / "trio.yaml"


def upload_trio(page, server: str) -> str:  # noqa: F811
    """Upload trio.yaml through the index page's form; the scenario page's id."""
    page.goto(f"{server}/")
    page.set_input_files('input[name="files"]', str(TRIO))
    page.click('form.upload button[type="submit"]')
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    return page.url.rsplit("/", 1)[1]


def new_page(browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def projection(page, plot: str) -> str:
    return page.locator(f"{plot} svg.utility-plot text.projection").text_content()


def test_a_three_party_plot_is_a_projection_that_shows_the_hidden_party(server, browser):  # noqa: F811
    page = new_page(browser)
    upload_trio(page, server)
    assert projection(page, "#plot").startswith("projection of the 3-party space on Up (x) and Down (y)")
    legend = page.locator("#legend").inner_text()
    assert "3-party Pareto frontier" in legend and "frontier of Up and Down alone" in legend
    assert "colour: utility of Lender" in legend and "no deal for all 3 parties" in legend
    assert page.locator("#plot svg .frontier-points circle").count() > 0
    assert page.locator("#plot svg polyline.pair-frontier").count() == 1
    assert page.locator("#plot svg rect.rational").count() == 0  # no two-party rectangle on a projection

    page.select_option("#axis-y", "2")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    assert "on Up (x) and Lender (y)" in projection(page, "#plot")
    assert "colour: utility of Down" in page.locator("#legend").inner_text()

    page.evaluate("window.scrollTo(0, 0)")
    ring = page.locator("#plot svg .frontier-points circle").first.bounding_box()
    page.mouse.move(ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2)  # hover a frontier outcome
    page.wait_for_selector(".plot-tip:not([hidden])", timeout=5_000)
    tip = page.locator(".plot-tip").inner_text()
    assert "utility: Down" in tip  # the hidden party, on hover
    assert re.search(r"at least as good as no deal for all 3\s+(yes|no)", tip)
    assert not page.errors, page.errors
    page.close()


def test_a_bad_edit_shows_the_one_line_error_instead_of_clamping(server, browser):  # noqa: F811
    page = new_page(browser)
    upload_trio(page, server)
    reservation = page.locator('input[data-kind="reservation"][data-party="0"]')
    reservation.fill("1.5")
    reservation.press("Enter")
    page.wait_for_selector("#error:not([hidden])", timeout=10_000)
    message = page.locator("#error").inner_text()
    assert message.startswith("error: trio: parties[0].reservation: ") and "\n" not in message
    assert reservation.input_value() == "1.5"  # kept as typed, not clamped to 1
    reservation.fill("0.4")
    reservation.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '2'", timeout=10_000)
    assert page.locator("#error").is_hidden()
    weight = page.locator('input[data-kind="weight"][data-party="1"][data-issue="dam"]')
    weight.fill("1.2")
    weight.press("Enter")
    page.wait_for_selector("#error:not([hidden])", timeout=10_000)
    assert page.locator("#error").inner_text() == ("error: trio: parties[1].utility.weights: weights sum to 1.8; "
                                                   "make them sum to 1")  # the others are not rescaled
    page.close()


def test_edits_reach_the_simulation_and_the_report_which_say_which_version_runs(server, browser):  # noqa: F811
    page = new_page(browser)
    sid = upload_trio(page, server)
    assert page.locator("#version").inner_text().startswith("trio, version ")
    reservation = page.locator('input[data-kind="reservation"][data-party="2"]')
    reservation.fill("0.45")
    reservation.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    assert page.locator("#version").inner_text().startswith("edited version of trio, 1 change, version ")

    page.click("#simulate-link")
    page.wait_for_selector("#simulate-form")
    assert page.locator("#edited").is_visible()
    page.select_option("#axis-x", "1")
    page.select_option("#axis-y", "2")
    page.click("#run")
    page.wait_for_function("document.body.dataset.runs === '1'", timeout=20_000)
    version = page.locator("#version").inner_text()
    assert re.fullmatch(r"edited version of trio, 1 change, version [0-9a-f]{10}", version)
    assert "on Down (x) and Lender (y)" in projection(page, "#sim-plot")
    assert "3-party Pareto frontier" in page.locator("#sim-legend").inner_text()

    page.click("#report")
    page.wait_for_selector("#report-link:not([hidden])", timeout=30_000)
    report = page.evaluate("fetch(document.querySelector('#report-link').href).then(r => r.text())")
    assert f"Scenario: {version}</p>" in report
    assert '<tr><td>Lender</td><td class="num">0.4500</td>' in report
    assert "projection of the 3-party space" in report

    page.click("#use-original")
    page.click("#run")
    page.wait_for_function("document.body.dataset.runs === '2'", timeout=20_000)
    assert page.locator("#version").inner_text().startswith("trio, version ")

    page.goto(f"{server}/scenarios/{sid}")  # the original again: nothing edited is kept
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    assert page.locator('input[data-kind="reservation"][data-party="2"]').input_value() == "0.2"
    assert not page.errors, page.errors
    page.close()


def test_edits_stay_with_the_tab_when_coming_back_to_the_scenario(server, browser):  # noqa: F811
    page = new_page(browser)
    sid = upload_trio(page, server)
    weight = page.locator('input[data-kind="reservation"][data-party="1"]')
    weight.fill("0.35")
    weight.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    page.goto(f"{server}/scenarios/{sid}/simulate")
    page.goto(f"{server}/scenarios/{sid}")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    assert weight.input_value() == "0.35" and "edited" in weight.get_attribute("class")
    assert page.locator("#version").inner_text().startswith("edited version of trio, 1 change")
    page.close()


def test_uploads_are_told_apart_counted_as_feasible_and_deleted(server, browser):  # noqa: F811
    page = new_page(browser)
    upload_trio(page, server)
    upload_trio(page, server)
    page.goto(f"{server}/")
    rows = page.locator("#scenarios tbody tr", has_text="uploaded").filter(has_text="trio")
    assert rows.count() >= 2
    texts = rows.all_inner_texts()
    feasible = f"{accord.analyze(accord.load(TRIO)).n_outcomes:,}"
    assert all(f"\t{feasible}\t" in t and re.search(r"uploaded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", t)
               for t in texts)
    before = rows.count()
    rows.first.locator("button", has_text="delete").click()
    page.wait_for_url(f"{server}/")
    assert page.locator("#scenarios tbody tr", has_text="uploaded").filter(has_text="trio").count() == before - 1
    page.close()


def test_forecast_and_divide_take_the_users_own_files(server, browser):  # noqa: F811
    page = new_page(browser)
    page.goto(f"{server}/forecast")
    form = page.locator("#own-stakeholders")
    form.locator("summary").click()
    form.locator('input[name="file"]').set_input_files(str(DATA / "forecast" / "sultan.csv"))
    form.locator('button[type="submit"]').click()
    page.wait_for_selector("#source")
    assert "sultan.csv" in page.locator("#source").inner_text()
    assert page.locator("svg.lines-plot").count() >= 1

    page.goto(f"{server}/divide")
    form = page.locator("#own-divide")
    form.locator("summary").click()
    form.locator("textarea").fill("parties: [Ann, Bob]\nitems:\n  house: [70, 30]\n  car: [30, 70]\n")
    form.locator('button[type="submit"]').click()
    page.wait_for_selector("#source")
    assert "Ann points" in page.content()
    form = page.locator("#own-divide")
    form.locator("textarea").fill("parties: [Ann]\n")
    form.locator('button[type="submit"]').click()
    page.wait_for_selector("#error")
    assert page.locator("#error").inner_text() == "error: pasted.yaml: parties: expected exactly two parties; write [A, B]"
    page.close()

