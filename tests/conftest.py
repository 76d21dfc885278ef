"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Timings are never asserted (benchmarks measure speed): a loaded CI machine must not fail a property test.
# The default profile is derandomised, so CI and every fresh clone draw the same examples; explore new ones with
# ``pytest --hypothesis-profile=explore`` (random seeds, ten times the examples) and pin what it finds as a test.
settings.register_profile("accord", deadline=None, derandomize=True, database=None)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile("accord")

# The research scenarios live beside the repository (``<repo>/../shared/domains``), here and in CI.
SHARED_DOMAINS = Path(__file__).resolve().parents[1].parent / "shared" / "domains"


@pytest.fixture(scope="session")
def shared_domains() -> Path:
    """The shared scenario collection (``shared/domains`` beside the repository)."""
    if not SHARED_DOMAINS.is_dir():
        pytest.skip(f"shared scenario data not found at {SHARED_DOMAINS} (expected shared/ beside the repository)")
    return SHARED_DOMAINS
