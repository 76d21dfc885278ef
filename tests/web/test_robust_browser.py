"""The robustness panel in Chromium: it shows the probabilities of ``accord robust``, the shaded utility space
and the drivers' bar chart; a bad sample count shows the one-line error."""

from __future__ import annotations

import json

import pytest

from accord.cli.main import main

from .conftest import FLAGSHIP
from .test_browser import CHROMIUM, browser, server  # noqa: F401 - the shared live-server fixtures
from .test_robust import TOY

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


def expected(capsys, *args) -> dict:
    capsys.readouterr()
    assert main(["robust", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def run_panel(page, samples: str, seed: str, count: int) -> None:
    page.fill("#robust-samples", samples)
    page.fill("#robust-seed", seed)
    page.click("#robust-run")
    page.wait_for_function(f"document.body.dataset.robust === '{count}'", timeout=60_000)


def shown(estimate: dict) -> str:
    return f"{100 * estimate['value']:.1f}% ± {100 * estimate['se']:.1f}%"


def test_the_panel_shows_the_probabilities_of_accord_robust(server, browser, capsys):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{FLAGSHIP}")
    run_panel(page, "30", "2", 1)
    document = expected(capsys, FLAGSHIP, "--samples", "30", "--seed", "2")
    assert page.locator('#robust-probabilities td[data-figure="p_zone"]').inner_text() == shown(document["p_zone"])
    assert (page.locator('#robust-probabilities td[data-figure="p_ratifiable_zone"]').inner_text()
            == shown(document["p_ratifiable_zone"]))
    assert page.locator("#robust-plot svg.utility-plot path.shaded").count() >= 1
    assert "30 samples, seed 2" in page.locator("#robust-result").inner_text()

    run_panel(page, "5000", "0", 2)
    assert page.locator("#robust-error").is_visible()
    assert "samples" in page.locator("#robust-error").inner_text()
    assert not errors, errors
    page.close()


def test_the_panel_draws_the_drivers_and_the_robust_deal(server, browser, capsys, tmp_path):  # noqa: F811
    import httpx

    uploaded = httpx.post(f"{server}/api/scenarios", files={"files": ("toy.json", json.dumps(TOY).encode())})
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{server}/scenarios/{uploaded.json()['id']}")
    run_panel(page, "60", "0", 1)
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(TOY))
    document = expected(capsys, str(path), "--samples", "60", "--seed", "0")
    deal = document["robust_deal"]
    assert (page.locator('[data-figure="robust-p-ratified"]').inner_text()
            == f"{100 * deal['p_ratified']:.1f}%")
    bars = page.locator("#robust-drivers svg rect.bar")
    assert bars.count() == len(document["drivers"])
    assert bars.first.get_attribute("data-label") == document["drivers"][0]["parameter"]
    page.close()


def test_the_panel_estimates_the_numbers_edited_on_the_page(server, browser, capsys, tmp_path):  # noqa: F811
    """Lowering A's parliament's threshold to 0.7 on the page moves its range along ([0.65, 0.95] becomes
    [0.55, 0.85]); the panel then shows the figures of ``accord robust`` on that file (a ratifiable zone in 95 %
    of the samples), not those of the stored one (60 %)."""
    import httpx

    uploaded = httpx.post(f"{server}/api/scenarios", files={"files": ("toy.json", json.dumps(TOY).encode())})
    assert uploaded.status_code == 201, uploaded.text
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{uploaded.json()['id']}")
    field = page.locator('input[data-kind="threshold"][data-constituency="0.0"]')
    field.fill("0.7")
    field.press("Enter")
    page.wait_for_function("document.body.dataset.analysis === '1'", timeout=60_000)
    run_panel(page, "60", "0", 1)
    moved = json.loads(json.dumps(TOY))
    moved["parties"][0]["constituencies"][0]["threshold"] = {"value": 0.7, "uniform": [0.55, 0.85]}
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(moved))
    document = expected(capsys, str(path), "--samples", "60", "--seed", "0")
    assert document["p_ratifiable_zone"]["value"] == 0.95  # the stored scenario's is 0.6
    text = page.locator("#robust-result").inner_text()
    assert "with the numbers edited above" in text
    assert (page.locator('#robust-probabilities td[data-figure="p_ratifiable_zone"]').inner_text()
            == shown(document["p_ratifiable_zone"]))
    deal = document["robust_deal"]
    assert page.locator('[data-figure="robust-p-ratified"]').inner_text() == f"{100 * deal['p_ratified']:.1f}%"
    assert not errors, errors
    page.close()
