"""A person at the table in Chromium: a whole session played by clicking, and the debrief checked against
``accord audit`` on the saved record."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from accord.cli.main import app

from .conftest import FLAGSHIP
from .test_browser import CHROMIUM, browser, server  # noqa: F401 - the shared live-server fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


def test_play_by_clicking_and_debrief_matches_accord_audit(server, browser, tmp_path):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/scenarios/{FLAGSHIP}/play")
    page.select_option('#play-form select[name="party"]', "0")
    page.select_option('#play-form select[name="strategy"]', "conceder")
    page.fill('#play-form input[name="rounds"]', "4")
    page.click("#start")
    page.wait_for_selector("#package select")
    page.select_option('#package select[name="kunashir"]', label="Russian sovereignty")
    page.select_option('#package select[name="iturup"]', label="Russian sovereignty")
    page.select_option('#package select[name="transfer_timing"]', label="On signature")
    page.wait_for_function("!isNaN(parseFloat(document.getElementById('own-utility').textContent))")
    while page.locator("#debrief").is_hidden():
        if page.locator("#offer").is_disabled():
            page.wait_for_selector("#debrief:not([hidden])", timeout=60_000)
            break
        rows = page.locator("#moves tbody tr").count()
        page.click("#offer")
        page.wait_for_function(f"document.querySelectorAll('#moves tbody tr').length > {rows} || "
                               "!document.getElementById('debrief').hidden", timeout=60_000)
    page.wait_for_selector("#debrief:not([hidden])", timeout=60_000)
    assert page.locator("#debrief-svg polyline").count() >= 1
    assert page.locator("#your-offers tbody tr").count() >= 1
    shown = json.loads(page.locator("#debrief").get_attribute("data-audit"))
    game = page.locator("#table").get_attribute("data-game")
    record = page.evaluate(f"fetch('/api/play/{game}/record').then(r => r.json())")
    saved = tmp_path / "record.json"
    saved.write_text(json.dumps(record))
    audited = CliRunner().invoke(app, ["audit", FLAGSHIP, str(saved), "--json"])
    assert audited.exit_code == 0, audited.output
    assert shown == json.loads(audited.stdout)
    assert not errors, errors
    page.close()
