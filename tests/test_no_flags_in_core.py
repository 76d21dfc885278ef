"""The core (everything below accord/cli and accord/web) names parameters, never command-line flags."""

from __future__ import annotations

import re
from pathlib import Path

import accord

PACKAGE = Path(accord.__file__).resolve().parent
FRONT_ENDS = ("cli", "web")
FLAG = re.compile(r"--[A-Za-z]")


def core_modules() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py"))
            if path.relative_to(PACKAGE).parts[0] not in FRONT_ENDS]


def test_the_core_is_searched():
    names = {path.relative_to(PACKAGE).as_posix() for path in core_modules()}
    assert {"errors.py", "simulate/session.py", "tournament/spec.py"} <= names
    assert not any(name.startswith(FRONT_ENDS) for name in names)


def test_no_core_module_mentions_a_flag():
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in core_modules()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FLAG.search(line)]
    assert not found, "a flag in the core (name the parameter; front ends map it):\n" + "\n".join(found)
