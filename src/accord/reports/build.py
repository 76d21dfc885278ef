"""The HTML report of a scenario, computed and rendered: one function both the CLI (``accord report``) and the
web workbench (the report of a possibly edited scenario) call."""

from __future__ import annotations

from collections.abc import Sequence


def build_report(scenario, strategies: Sequence[str] | None = None, *, protocol: str = "sao", rounds: int = 100,
                 seed: int = 0, stakeholders: str | None = None, command: str = "", version: str = "") -> str:
    """Compute what the report shows (the analysis, a simulation with ``strategies`` — default boulware, then
    conceder — and the expected-utility forecast of each issue of ``stakeholders``) and render it; ``version``
    says which version of the scenario this is (see :func:`accord.io.versions.describe`)."""
    import accord
    from accord.forecast import ModelConfig, forecast, load_stakeholders
    from accord.reports.html import render_report
    from accord.simulate import run_session

    chosen = list(strategies or ["boulware"] + ["conceder"] * (len(scenario.parties) - 1))
    simulation = run_session(scenario, chosen, protocol=protocol, rounds=rounds, seed=seed)
    groups = load_stakeholders(stakeholders) if stakeholders else ()
    forecasts = [(group, forecast(group, ModelConfig(model="eu", rounds=10))) for group in groups]
    return render_report(accord.analyze(scenario), simulation=simulation, max_rounds=rounds, forecasts=forecasts,
                         stakeholders=stakeholders, command=command, version=version)


__all__ = ["build_report"]
