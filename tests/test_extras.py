"""Install hints for a missing extra name the install for a checkout and for a package."""

from __future__ import annotations

import pytest

from accord import extras


@pytest.mark.parametrize("checkout", [True, False])
def test_both_installs_are_named_and_the_fitting_one_first(monkeypatch, checkout):
    monkeypatch.setattr(extras, "in_checkout", lambda: checkout)
    hint = extras.install_hint("web")
    editable, package = 'pip install -e ".[web]"', 'pip install "accord[web]"'
    assert editable in hint and package in hint
    assert hint.startswith(editable if checkout else package)


def test_this_test_run_is_from_a_checkout():
    assert extras.in_checkout()


def test_every_missing_extra_message_uses_the_hint():
    from pathlib import Path

    source = Path(extras.__file__).parent
    offenders = [str(p) for p in source.rglob("*.py") if "pip install" in p.read_text() and p.name != "extras.py"]
    assert offenders == []
