"""The strategy registry: the declared built-ins, the ``accord.strategies`` entry points, and what was registered.

Three declared sources, in this order of precedence: the tuple :data:`accord.strategies.builtin.BUILTINS`; the
classes advertised under the entry-point group ``accord.strategies`` by installed packages (the entry point's name
is the strategy's name; see ``docs/simulate.md``); and classes passed to :func:`register` at run time (a script's
or a test's own strategies). Defining a class registers nothing.
"""

from __future__ import annotations

from dataclasses import fields
from importlib.metadata import entry_points

from accord.errors import OptionError
from accord.strategies.base import Classifier, Strategy, StrategyInfo

ENTRY_POINT_GROUP = "accord.strategies"
REGISTERED: dict[str, StrategyInfo] = {}
"""Strategies registered at run time with :func:`register`, by name."""
_plugins: dict[str, StrategyInfo] = {}
_loaded = {"entry_points": False}


def register(*classes: type[Strategy]) -> None:
    """Make strategy classes (each declaring a ``name``) known to the registry in this process."""
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, Strategy) and cls.name):
            raise TypeError(f"{cls!r} is not a Strategy subclass with a name")
        REGISTERED[cls.name] = StrategyInfo.of(cls)


def load_plugins() -> list[str]:
    """Read every strategy advertised under the ``accord.strategies`` entry-point group (once per process).

    Returns the names added. A plugin that fails to import is skipped (its error does not break Accord)."""
    if _loaded["entry_points"]:
        return []
    _loaded["entry_points"] = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = point.load()
        except Exception:  # noqa: BLE001 - a broken plugin must not break the registry
            continue
        if isinstance(obj, type) and issubclass(obj, Strategy):
            _plugins.setdefault(point.name, StrategyInfo.of(obj, name=point.name, source=point.value))
    return list(_plugins)


def registry() -> dict[str, StrategyInfo]:
    """Every known strategy by name: built-ins, then plugins and registered strategies whose name is still free."""
    from accord.strategies.builtin import BUILTINS

    load_plugins()
    known = {cls.name: StrategyInfo.of(cls) for cls in BUILTINS}
    for source in (_plugins, REGISTERED):
        for name, info in source.items():
            known.setdefault(name, info)
    return dict(sorted(known.items()))


def filtered(**classifier: object) -> list[StrategyInfo]:
    """Strategies whose :class:`Classifier` has every given value, e.g. ``filtered(stochastic=False,
    concession="time")``."""
    unknown = set(classifier) - {f.name for f in fields(Classifier)}
    if unknown:
        raise TypeError(f"no classifier field {', '.join(sorted(unknown))}")
    return [info for info in registry().values()
            if all(getattr(info.classifier, key) == value for key, value in classifier.items())]


def make(spec: str | Strategy) -> Strategy:
    """A strategy instance from a registered name (or an instance, returned as a fresh clone)."""
    if isinstance(spec, Strategy):
        return spec.clone()
    known = registry()
    name = str(spec).strip()
    if name not in known:
        raise OptionError(f"unknown strategy '{name}'", parameter="strategies", fix=f"choose from {', '.join(known)}")
    return known[name].cls()
