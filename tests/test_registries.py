"""Every registry is a declared list, complete, and the front ends offer exactly its names.

Strategies (``accord.strategies.BUILTINS`` + entry points + ``register``), protocols (``accord.protocols.PROTOCOLS``),
forecast models (``accord.forecast.MODELS``) and bargaining solutions (``accord.analysis.SOLUTIONS``).
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import accord.strategies
from accord.analysis import SOLUTIONS, analyze
from accord.cli.main import app
from accord.forecast import MODELS, model_names
from accord.protocols import PROTOCOLS, protocol_names
from accord.strategies import BUILTINS, Strategy, registry

SRC = Path(accord.strategies.__file__).resolve().parents[1]
runner = CliRunner()


def named_strategy_classes() -> set[type]:
    """Every concrete strategy class the package defines (a class with a ``name``)."""
    modules = [getattr(accord.strategies, m) for m in ("opponent_model", "simple", "time_dependent", "tit_for_tat")]
    return {cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Strategy) and cls.name and cls.__module__ == module.__name__}


def test_builtin_strategies_are_every_named_strategy_once():
    assert set(BUILTINS) == named_strategy_classes()
    assert len({cls.name for cls in BUILTINS}) == len(BUILTINS)


def test_front_ends_list_exactly_the_registry():
    listed = json.loads(runner.invoke(app, ["strategies", "--json"]).stdout)
    assert [row["name"] for row in listed] == list(registry())
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from accord.web import create_app

    with TestClient(create_app()) as client:
        assert client.get("/api/strategies").json() == listed


@pytest.mark.parametrize("kind, declared", [("protocol", PROTOCOLS), ("model", MODELS), ("solution", SOLUTIONS)])
def test_declarations_have_unique_names(kind, declared):
    names = [entry.name for entry in declared]
    assert len(set(names)) == len(names) > 0, kind


def test_cli_help_lists_the_declared_protocols_and_models():
    for command, names in (("simulate", protocol_names()), ("tournament", protocol_names()),
                           ("report", protocol_names()), ("forecast", model_names())):
        text = " ".join(runner.invoke(app, [command, "--help"], env={"COLUMNS": "400"}).stdout.split())
        assert ", ".join(names) in text, command


def test_unknown_names_are_refused_with_the_declared_lists():
    from accord.errors import OptionError
    from accord.forecast import ModelConfig
    from accord.protocols import protocol_named

    with pytest.raises(OptionError, match=re.escape(", ".join(protocol_names()))):
        protocol_named("nope")
    with pytest.raises(OptionError, match=re.escape(", ".join(model_names()))):
        ModelConfig(model="nope")


def test_web_schemas_accept_exactly_the_declared_names():
    schemas = pytest.importorskip("accord.web.schemas")
    protocol = schemas.SimulateRequest.model_json_schema()["properties"]["protocol"]
    model = schemas.ForecastRequest.model_json_schema()["properties"]["model"]
    assert protocol["enum"] == list(protocol_names())
    assert model["enum"] == list(model_names())


def test_forecast_page_offers_exactly_the_declared_models():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from accord.web import create_app

    with TestClient(create_app()) as client:
        page = client.get("/forecast").text
    select = page[page.index('<select name="model">'):]
    select = select[:select.index("</select>")]
    assert re.findall(r"<option[^>]*>([^<]+)</option>", select) == list(model_names())


def test_console_report_shows_every_declared_solution_title():
    from rich.console import Console

    from accord.io import load
    from accord.reports.console import render

    console = Console(width=400, record=True)
    render(analyze(load("tests/data/mini.yaml")), console)
    text = console.export_text()
    assert all(solution.title in text for solution in SOLUTIONS)


def test_no_caller_tests_a_declared_name():
    """Callers read the declarations; none branches on a protocol's or a model's name."""
    names = [*protocol_names(), *model_names()]
    pattern = re.compile(r"""==\s*["'](%s)["']""" % "|".join(map(re.escape, names)))
    offenders = [f"{path.relative_to(SRC)}:{n}" for path in SRC.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []


def test_strategy_descriptions_read_as_plain_text():
    from accord.strategies.registry import registry

    for name, entry in registry().items():
        assert not re.search(r"``|:[a-z]+:`", entry.description), (name, entry.description)
