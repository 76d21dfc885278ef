"""docs/json.md and the README describe every field of the analysis document, including a search's (`method`)."""

from __future__ import annotations

import re
from pathlib import Path

import accord

ROOT = Path(__file__).resolve().parents[1]


def _analysis_block(text: str, heading: str) -> str:
    """The first code block after ``heading``."""
    return re.search(re.escape(heading) + r".*?```\n(.*?)```", text, flags=re.S).group(1)


def _keys(value, found: set[str]) -> set[str]:
    """Every key of ``value``'s objects, at any depth (party and issue names are not keys of the schema here)."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def test_the_documented_analysis_fields_are_the_documents_fields():
    document = accord.analyze(accord.load(ROOT / "tests" / "data" / "mini.yaml")).to_json()
    documents = _keys({k: v for k, v in document.items() if k not in ("solutions", "best", "worst")}, set())
    documents -= {"A", "B"}  # party names under win_set etc. (mini has no constituencies: none here)
    for text, heading in ((ROOT / "docs" / "json.md", "## Analysis"), (ROOT / "README.md", "### `accord analyze --json`")):
        block = _analysis_block(text.read_text(encoding="utf-8"), heading)
        documented = set(re.findall(r'"(\w+)":', block))
        assert documents <= documented, f"{text.name}: undocumented {sorted(documents - documented)}"
        assert '"rational_outcomes": int | null' in block  # null beyond the exact search's counting budget
