"""The HTML report of a scenario, computed and rendered: one function both the CLI (``accord report``) and the
web workbench (the report of a possibly edited scenario) call."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from accord.errors import ScenarioError

REPORT_PHASES = ("simulating", "forecasting", "analysing", "sampling and auditing", "rendering")
REPORT_SAMPLES = 200  # robustness samples in a report: a quick estimate (the section says how to get a tighter one)


def build_report(scenario, strategies: Sequence[str] | None = None, *, protocol: str = "sao", rounds: int = 100,
                 seed: int = 0, stakeholders: str | None = None, command: str = "", version: str = "",
                 runs: int = 0, samples: int = REPORT_SAMPLES, record: str | None = None, scenario_name: str = "",
                 analysis=None,
                 step: Callable[..., None] = lambda advance=1, description=None: None,
                 simulate: Callable[..., object] | None = None) -> str:
    """Compute what the report shows and render it: the analysis; a simulation with ``strategies`` (default
    boulware, then conceder); the expected-utility forecast of each issue of ``stakeholders``, with ``runs`` Monte
    Carlo runs (seed ``seed``) where the file states an uncertainty; the robustness estimate from ``samples``
    draws (seed 0) when the scenario states distributions; and the audit of the negotiation ``record`` (which
    may name the scenario as the user did, ``scenario_name``: a path, a bundled name).
    ``version`` says which version of the scenario this is (see :func:`accord.io.versions.describe`); ``step`` is
    told each of ``REPORT_PHASES`` as it starts (for progress). ``analysis``, when given, is the scenario's
    analysis already made (e.g. by the workbench, within its limits). ``simulate(scenario, strategies, protocol=,
    rounds=, seed=)`` runs the simulation (by default :func:`~accord.simulate.run_session`, here; the workbench
    runs it in a worker process it can stop)."""
    import accord
    from accord.audit import audit, read_record
    from accord.forecast import ModelConfig, forecast, load_stakeholders, monte_carlo
    from accord.reports.html import render_report
    from accord.robust import robust
    from accord.simulate import run_session

    chosen = list(strategies or ["boulware"] + ["conceder"] * (len(scenario.parties) - 1))
    omitted: dict[str, str] = {}

    def unless_beyond(section: str, compute: Callable[[], object]):
        """``compute()``; beyond enumeration, a section that refuses the space is omitted with one line."""
        try:
            return compute()
        except ScenarioError:
            if not beyond_enumeration(scenario):
                raise
            omitted[section] = omission(scenario)
            return None

    step(0, description=REPORT_PHASES[0])
    simulation = unless_beyond("Simulation", lambda: (simulate or run_session)(scenario, chosen, protocol=protocol,
                                                                               rounds=rounds, seed=seed))
    step(description=REPORT_PHASES[1])
    groups = load_stakeholders(stakeholders) if stakeholders else ()
    config = ModelConfig(model="eu", rounds=10)
    forecasts = [(group, forecast(group, config)) for group in groups]
    summaries = [monte_carlo(group, config, runs, seed) if runs and group.uncertain else None for group in groups]
    step(description=REPORT_PHASES[2])
    analysis = analysis or accord.analyze(scenario)
    step(description=REPORT_PHASES[3])
    robust_result = (unless_beyond("Robustness", lambda: robust(scenario, samples, seed=0))
                     if samples and scenario.uncertainty else None)
    audited = unless_beyond("Audit", lambda: audit(read_record(record, scenario, scenario_name))) if record else None
    step(description=REPORT_PHASES[4])
    text = render_report(analysis, simulation=simulation, max_rounds=rounds, forecasts=forecasts,
                         stakeholders=stakeholders, command=command, monte_carlo=summaries, robust=robust_result,
                         audit=audited, version=version, omitted=omitted)
    step()
    return text


def beyond_enumeration(scenario) -> bool:
    """Whether ``scenario``'s outcomes are too many for Accord to enumerate (its analysis is then a search)."""
    from accord.space.outcomes import enumerable

    return not enumerable(scenario)


def omission(scenario) -> str:
    """The one line a report section says when it is omitted because it needs every outcome enumerated."""
    from accord.space.outcomes import MAX_OUTCOMES

    return (f"omitted: this section needs every outcome enumerated, and this scenario has "
            f"{scenario.cartesian_size:,} (Accord enumerates at most {MAX_OUTCOMES:,}).")


__all__ = ["REPORT_PHASES", "REPORT_SAMPLES", "beyond_enumeration", "build_report", "omission"]
