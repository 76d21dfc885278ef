"""How to install an optional extra (``web``, ``plots``, ``distributed``), said right for both ways Accord is
installed: from a checkout of the repository (editable) or as a package."""

from __future__ import annotations

from pathlib import Path


def in_checkout() -> bool:
    """Whether Accord runs from a checkout of its repository (``src/accord`` beside a ``pyproject.toml``)."""
    return (Path(__file__).resolve().parents[2] / "pyproject.toml").is_file()


def install_hint(extra: str) -> str:
    """The fix for a missing extra: both installs, the one that fits this installation first."""
    checkout, package = f'pip install -e ".[{extra}]" in the checkout', f'pip install "accord[{extra}]"'
    first, second = (checkout, package) if in_checkout() else (package, checkout)
    return f"{first} (or {second})"
