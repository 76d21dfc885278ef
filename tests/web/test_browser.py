"""End to end in a real headless browser: Debian's chromium driven by Playwright, against a live uvicorn server.

Loads the flagship scenario page, changes a weight, checks that the Nash deal shown changes, and saves a
screenshot (kept in pytest's tmp folder; its path is printed); changes constituencies' ratification thresholds and
a numeric value function and checks the figures the page shows.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import FLAGSHIP

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                              "(apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    uvicorn = pytest.importorskip("uvicorn")
    from accord.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


def nash_column(page) -> list[str]:
    return page.locator('#solutions td[data-solution="nash"]').all_inner_texts()


def test_weight_change_moves_the_nash_deal(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{FLAGSHIP}")
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    before = nash_column(page)
    assert before[:4] == ["Japanese sovereignty", "Japanese sovereignty", "Russian sovereignty",
                          "Russian sovereignty"]
    assert page.locator("#plot svg.utility-plot circle.solution[data-solution=nash]").count() == 1

    weight = page.locator('input[data-kind="weight"][data-party="0"][data-issue="kunashir"]')
    weight.fill("0.5")
    weight.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    after = nash_column(page)
    assert after != before
    assert after[2] == "Japanese sovereignty"  # kunashir now passes to Japan in the Nash deal
    assert page.locator('#solutions td[data-solution="nash"].changed').count() > 0
    others = page.locator('input[data-kind="weight"][data-party="0"]').evaluate_all(
        "inputs => inputs.map(i => parseFloat(i.value))")
    assert sum(others) == pytest.approx(1.0, abs=1e-4)
    assert page.locator("#error").is_hidden()

    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator("#plot svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.3)
    page.wait_for_selector(".plot-tip:not([hidden])", timeout=5_000)
    assert "utility: Japan" in page.locator(".plot-tip").inner_text()

    shot = tmp_path / "workbench.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    assert not errors, errors
    page.close()


def figure(page, key: str) -> str:
    return page.locator(f'#ratification td[data-figure="{key}"]').inner_text()


def edit(page, selector: str, value: str, analysis: int) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.press("Enter")
    page.wait_for_function(f"document.body.dataset.analysis === '{analysis}'", timeout=10_000)


def test_constituency_thresholds_move_the_ratification_figures(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{FLAGSHIP}")
    page.wait_for_selector("#win-set-table")
    public = 'input[data-kind="threshold"][data-constituency="1.0"]'
    assert page.locator(public).input_value() == "0.86"
    assert figure(page, "zone") == "5,054" and figure(page, "zone-ratified") == "0"
    assert figure(page, "zone-own-Russia") == "0"
    summary = page.locator("#summary").inner_text()
    assert "frontier: 158 utility vectors. With domestic ratification: 0 outcomes." in summary

    edit(page, public, "0.6", 1)
    assert int(figure(page, "zone-own-Russia").replace(",", "")) > 0
    assert page.locator('#ratification td[data-figure="zone-own-Russia"].changed').count() == 1
    assert page.locator('#ratification td[data-figure="zone-own-Japan"].changed').count() == 0
    assert figure(page, "zone-ratified") == "0"  # the Diet and the Duma still share no deal of the zone

    edit(page, 'input[data-kind="threshold"][data-constituency="0.0"]', "0.4", 2)
    edit(page, 'input[data-kind="threshold"][data-constituency="1.1"]', "0.6", 3)
    with_public_at_06 = int(figure(page, "zone-ratified").replace(",", ""))
    edit(page, public, "0.5", 4)
    with_public_at_05 = int(figure(page, "zone-ratified").replace(",", ""))
    assert 0 < with_public_at_06 < with_public_at_05
    assert page.locator('#ratification td[data-figure="zone-ratified"].changed').count() == 1
    assert "Nash deal among the ratified outcomes" in page.locator("#ratification").inner_text()

    page.click("#reset")
    page.wait_for_function("document.body.dataset.analysis === '5'", timeout=10_000)
    assert page.locator(public).input_value() == "0.86" and figure(page, "zone-own-Russia") == "0"
    weight = page.locator('input[data-kind="weight"][data-constituency="1.0"][data-issue="habomai"]')
    assert weight.is_visible()
    page.uncheck("#show-constituencies")
    assert weight.is_hidden()
    assert page.locator("#error").is_hidden()
    assert not errors, errors
    page.close()


def test_numeric_value_functions_are_edited_in_the_page(server, browser):
    import httpx

    mini = (Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_bytes()
    uploaded = httpx.post(f"{server}/api/scenarios", files={"files": ("mini.yaml", mini)})
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{server}/scenarios/{uploaded.json()['id']}")
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    assert nash_column(page)[1:3] == ["0", "0.25"]

    # B's fishing: the line's value at 4 goes from 0 to 1, so B no longer minds fishing
    edit(page, 'input[data-kind="linear"][data-party="1"][data-issue="fishing"][data-end="high"]', "1", 1)
    assert nash_column(page)[1] == "4"
    edit(page, 'input[data-kind="triangular"][data-party="1"][data-issue="share"][data-point="top"]', "1", 2)
    assert nash_column(page)[2] == "1"

    peak = page.locator('input[data-kind="triangular"][data-party="1"][data-issue="share"][data-point="top"]')
    peak.fill("2")
    peak.press("Enter")
    page.wait_for_selector("#error:not([hidden])", timeout=10_000)
    assert page.locator("#error").inner_text() == ("error: mini: parties[1].utility.values.share.triangular: "
                                                   "needs low ≤ top ≤ high; reorder the three points")
    page.close()


def test_bad_edit_shows_the_one_line_error(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/scenarios/{FLAGSHIP}")
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    value = page.locator('input[data-kind="reservation"][data-party="1"]')
    value.fill("1")
    value.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=10_000)
    assert "No solutions" in page.locator("#solutions").inner_text()
    page.close()


def test_simulation_page_runs_and_plays(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/scenarios/{FLAGSHIP}/simulate")
    page.click("#run")
    page.wait_for_selector("#sim-plot svg circle.offer")
    assert "Agreement" in page.locator("#sim-summary").inner_text()
    assert "utility: Japan" in page.locator("#sim-offer").inner_text()  # the last offer, from the document's trace
    page.locator("#step").fill("3")
    hidden = page.locator('#sim-plot svg circle.offer[visibility="hidden"]').count()
    assert hidden > 0
    page.close()


def test_report_hover_shows_a_deal(browser, tmp_path):
    import accord
    from accord.reports.build import build_report

    path = tmp_path / "report.html"
    path.write_text(build_report(accord.load(FLAGSHIP)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(path.as_uri())
    plot = page.locator("div.plot[data-plot-json] svg.utility-plot")
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.45)
    page.wait_for_selector(".plot-tip:not([hidden])", timeout=5_000)
    assert "habomai" in page.locator(".plot-tip").inner_text()
    page.close()


BOXES = """accord: 1
name: boxes
issues:
  - {name: a, integers: {low: 0, high: 3}}
parties:
  - name: P
    utility:
      normalizer: 10
      rectangles:
        - {utility: 7, where: {a: [0, 1]}}
        - {utility: 3, where: {a: [2, 3]}}
  - name: Q
    utility: {weights: {a: 1}, values: {a: {constant: 0.5}}}
"""


def test_rectangle_utility_is_edited_in_the_page(server, browser):
    import httpx

    uploaded = httpx.post(f"{server}/api/scenarios", files={"files": ("boxes.yaml", BOXES.encode())})
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{uploaded.json()['id']}")
    page.wait_for_selector('#solutions td[data-solution="utilitarian"]')
    assert page.locator('td[data-solution="utilitarian"]').first.inner_text() in ("0", "1")
    edit(page, 'input[data-kind="rectangle"][data-party="0"][data-rectangle="1"]', "9", 1)
    assert page.locator('td[data-solution="utilitarian"]').first.inner_text() in ("2", "3")
    assert page.locator("#error").is_hidden() and not errors, errors
    page.close()


def test_a_ten_to_the_thirty_scenario_shows_exact_counts_a_labelled_sample_and_takes_edits(server, browser, tmp_path):
    import httpx

    text = (Path(__file__).resolve().parents[1] / "data" / "treaty-30x10.yaml").read_bytes()
    uploaded = httpx.post(f"{server}/api/scenarios", files={"files": ("treaty-30x10.yaml", text)})
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{uploaded.json()['id']}")
    page.wait_for_selector('#solutions td[data-solution="nash"]')
    summary = page.locator("#summary").inner_text()
    assert summary.startswith("1,000,000,000,000,000,000,000,000,000,000 feasible outcomes; zone of agreement: exists")
    assert "660 utility vectors (exact, by additive-merge; the plot draws a uniform random sample of 3,000" in summary
    assert page.locator("#legend .sample").inner_text().startswith("Outcomes drawn: a uniform random sample of 3,000")
    before = nash_column(page)
    edit(page, 'input[data-kind="reservation"][data-party="0"]', "0.9", 1)
    assert nash_column(page) != before
    assert page.locator("#error").is_hidden() and not errors, errors
    page.screenshot(path=str(tmp_path / "treaty.png"), full_page=False)
    print(f"screenshot: {tmp_path / 'treaty.png'}")
    page.close()
