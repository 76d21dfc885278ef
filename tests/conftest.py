"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from accord.io.bundled import library_dir

# Timings are never asserted (benchmarks measure speed): a loaded CI machine must not fail a property test.
# The default profile is derandomised, so CI and every fresh clone draw the same examples; explore new ones with
# ``pytest --hypothesis-profile=explore`` (random seeds, ten times the examples) and pin what it finds as a test.
settings.register_profile("accord", deadline=None, derandomize=True, database=None)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile("accord")

# The research scenarios ship inside the package (``accord/scenarios/library``); their independent reference
# figures are test data (``tests/data/reference``).
SHARED_DOMAINS = library_dir()
REFERENCE = Path(__file__).resolve().parent / "data" / "reference"


@pytest.fixture(scope="session")
def shared_domains() -> Path:
    """The research scenario library bundled with Accord (``genius/``, ``geniusweb/``, ``genius-large/``)."""
    return SHARED_DOMAINS


@pytest.fixture
def mini_with(tmp_path):
    """``mini_with((old, new), ...)``: the path of a copy of ``tests/data/mini.yaml`` with each ``old`` text
    replaced by ``new`` (each must occur)."""
    def write(*replacements: tuple[str, str]) -> Path:
        text = (Path(__file__).resolve().parent / "data" / "mini.yaml").read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        path = tmp_path / "mini-variant.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
