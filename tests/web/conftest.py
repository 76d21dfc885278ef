"""Fixtures for the web workbench tests: one app per module, a test client, a small scenario's text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")



def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")

DATA = Path(__file__).resolve().parents[1] / "data"
FLAGSHIP = "japan-russia-2019"


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from accord.web import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def mini_yaml() -> bytes:
    return (DATA / "mini.yaml").read_bytes()
