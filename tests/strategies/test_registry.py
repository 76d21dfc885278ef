"""The strategy registry: declared built-ins, entry-point plugins, ``register``, ``filtered`` and ``make``."""

from __future__ import annotations

from importlib import import_module

import pytest

from accord.errors import OptionError
from accord.strategies import BUILTINS, Classifier, Hardliner, Strategy, filtered, make, register, registry
from accord.strategies.registry import REGISTERED

registry_module = import_module("accord.strategies.registry")


class Stubborn(Strategy, name="t-stubborn", classifier=Classifier(concession="none")):
    """Always asks for its best outcome."""

    def propose(self, state):
        return self.best

    def respond(self, state, offer):
        return self.u[offer] >= self.u[self.best]


@pytest.fixture
def registered():
    register(Stubborn)
    yield Stubborn
    REGISTERED.pop(Stubborn.name, None)


def test_defining_a_class_registers_nothing():
    assert Stubborn.name not in registry()


def test_register_adds_a_strategy_with_its_declared_metadata(registered):
    info = registry()["t-stubborn"]
    assert info.cls is Stubborn and info.classifier == Classifier(concession="none")
    assert info.description == "Always asks for its best outcome." and info.source == __name__
    assert isinstance(make("t-stubborn"), Stubborn)


def test_register_refuses_what_is_not_a_named_strategy():
    class Nameless(Strategy):
        pass

    for bad in (Nameless, object, "hardliner"):
        with pytest.raises(TypeError):
            register(bad)


def test_a_registered_name_never_replaces_a_builtin():
    class Impostor(Hardliner, name="hardliner"):
        pass

    register(Impostor)
    try:
        assert registry()["hardliner"].cls is Hardliner
    finally:
        REGISTERED.pop("hardliner")


def test_entry_point_plugins_are_read_once_and_broken_ones_skipped(monkeypatch):
    class Point:
        def __init__(self, name, value, obj):
            self.name, self.value, self._obj = name, value, obj

        def load(self):
            if isinstance(self._obj, Exception):
                raise self._obj
            return self._obj

    points = [Point("t-plugin", "pkg.mod:Stubborn", Stubborn), Point("t-broken", "pkg:broken", ImportError("x")),
              Point("t-not-a-strategy", "pkg:thing", object)]
    monkeypatch.setattr(registry_module, "entry_points", lambda group: points)
    monkeypatch.setattr(registry_module, "_plugins", {})
    monkeypatch.setattr(registry_module, "_loaded", {"entry_points": False})
    known = registry()
    assert known["t-plugin"].cls is Stubborn and known["t-plugin"].source == "pkg.mod:Stubborn"
    assert "t-broken" not in known and "t-not-a-strategy" not in known
    points.clear()
    assert "t-plugin" in registry()  # read once per process


def test_filtered_selects_by_classifier():
    assert {info.name for info in filtered(stochastic=True)} == {"random"}
    assert {info.name for info in filtered(concession="time", opponent_model=False)} == {
        cls.name for cls in BUILTINS if cls.classifier == Classifier(concession="time")}
    with pytest.raises(TypeError, match="no classifier field colour"):
        filtered(colour="blue")


def test_make_an_unknown_name_lists_the_registry():
    with pytest.raises(OptionError, match="unknown strategy 'nope'.*boulware"):
        make("nope")


def test_classifier_refuses_an_unknown_concession():
    with pytest.raises(ValueError, match="concession"):
        Classifier(concession="weather")
