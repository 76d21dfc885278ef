"""docs/limits.md names each limit's single definition: every constant it names exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "limits.md"


def test_every_constant_named_in_the_limits_table_exists():
    names = re.findall(r"`(accord(?:\.[a-z_]+)+\.[A-Z][A-Z_]+)`", DOC.read_text(encoding="utf-8"))
    assert len(names) >= 15
    for name in names:
        module, constant = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), constant), name
