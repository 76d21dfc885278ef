"""Reports sit below the web layer: nothing in ``accord/reports`` imports ``accord.web`` or reads its files."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import accord.reports

REPORTS = Path(accord.reports.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; relative imports resolved against ``accord.reports``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names.add(f"accord.reports.{base}".rstrip(".") if node.level else base)
    return names


def test_no_report_module_imports_the_web_layer():
    modules = sorted(REPORTS.glob("*.py"))
    assert {p.stem for p in modules} >= {"html", "plot_data", "svg"}
    for path in modules:
        web = [name for name in imported_modules(path) if name == "accord.web" or name.startswith("accord.web.")]
        assert not web, f"{path.name} imports {web}"
        constants = {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert not {"web", "static"} & constants, f"{path.name} reads a file of the web layer"


def test_importing_every_report_module_loads_nothing_of_the_web_layer():
    code = ("import sys, accord.reports.console, accord.reports.html, accord.reports.plot_data, "
            "accord.reports.plots, accord.reports.svg; "
            "print(sorted(m for m in sys.modules if m.startswith('accord.web')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_plot_script_is_a_report_asset():
    from accord.reports.html import plot_script

    assert (REPORTS / "assets" / "plot.js").read_text(encoding="utf-8") == plot_script()
    assert "AccordPlot" in plot_script()
