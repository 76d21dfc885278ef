"""Find strategies by name or metadata; load third-party strategies from the ``accord.strategies`` entry points.

A third-party package exposes a :class:`~accord.strategies.base.Strategy` subclass under the entry-point group
``accord.strategies``; the entry point's name is the strategy's name (see ``docs/simulate.md``).
"""

from __future__ import annotations

from importlib.metadata import entry_points

from accord.errors import OptionError
from accord.strategies.base import REGISTRY, Strategy, StrategyInfo, summary_of

ENTRY_POINT_GROUP = "accord.strategies"
_loaded = {"entry_points": False}


def load_plugins() -> list[str]:
    """Import every strategy advertised under the ``accord.strategies`` entry-point group (once per process).

    Returns the names added. A plugin that fails to import is skipped (its error does not break Accord)."""
    if _loaded["entry_points"]:
        return []
    _loaded["entry_points"] = True
    added = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = point.load()
        except Exception:  # noqa: BLE001 - a broken plugin must not break the registry
            continue
        if isinstance(obj, type) and issubclass(obj, Strategy) and point.name not in REGISTRY:
            REGISTRY[point.name] = StrategyInfo(point.name, obj, tuple(obj.tags), bool(obj.stochastic),
                                                summary_of(obj), source=point.value)
            added.append(point.name)
    return added


def registry() -> dict[str, StrategyInfo]:
    """Every known strategy: built-ins and plugins, by name."""
    import accord.strategies.builtin  # noqa: F401 - registers the built-ins

    load_plugins()
    return dict(sorted(REGISTRY.items()))


def filtered(tags: tuple[str, ...] = (), stochastic: bool | None = None) -> list[StrategyInfo]:
    """Strategies carrying every tag in ``tags`` (and of the given stochasticity, when not ``None``)."""
    return [info for info in registry().values()
            if set(tags) <= set(info.tags) and (stochastic is None or info.stochastic == stochastic)]


def make(spec: str | Strategy) -> Strategy:
    """A strategy instance from a registered name (or an instance, returned as a fresh clone)."""
    if isinstance(spec, Strategy):
        return spec.clone()
    known = registry()
    name = str(spec).strip()
    if name not in known:
        raise OptionError(f"unknown strategy '{name}'", parameter="strategies", fix=f"choose from {', '.join(known)}")
    return known[name].cls()
