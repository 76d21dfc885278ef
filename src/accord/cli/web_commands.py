"""Commands ``serve`` (the local web workbench) and ``report`` (a one-file HTML report)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord.cli.errors import reports_user_errors
from accord.cli.options import names
from accord.cli.progress import progress
from accord.errors import InputError, OptionError
from accord.protocols.registry import protocol_names

LOOPBACK = ("127.0.0.1", "localhost", "::1")
REPORT_SAMPLES = 200  # robustness samples in a report: a quick estimate (the section says how to get a tighter one)
PATHS_HELP = ("scenario file(s): an Accord .yaml/.json file, a bundled scenario name, a GENIUS or GeniusWeb folder, "
              "or a domain file followed by its profile files")


@reports_user_errors
def serve_command(
    host: Annotated[str, typer.Option(help="address to listen on (127.0.0.1: this computer only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8000,
    tournament: Annotated[Optional[Path], typer.Option(help="tournament results store (SQLite) to show")] = None,
) -> None:
    """Start the local web workbench: scenarios, what-if analysis, simulation, forecast."""
    try:
        import uvicorn

        from accord.web import create_app
    except ImportError:
        from accord.extras import install_hint

        raise InputError("the web workbench needs its extra packages", source="serve",
                         fix=install_hint("web")) from None
    if tournament is not None:
        from accord.tournament import open_existing

        open_existing(tournament).close()  # a missing or foreign file is an error now, not a broken page later
    loopback = host in LOOPBACK
    if not loopback:
        typer.echo(f"warning: listening on {host}: anyone who can reach this address can use the workbench",
                   err=True)
    from accord.web.guard import url_host

    typer.echo(f"Accord workbench on http://{url_host(host, port)}/ (Ctrl+C stops it)")
    # Host-header check against DNS rebinding, for every loopback address
    app = create_app(tournament=tournament, allowed_hosts=list(LOOPBACK) if loopback else None)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@reports_user_errors
def report_command(
    paths: Annotated[list[str], typer.Argument(help=PATHS_HELP, show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="the HTML file to write")],
    strategies: Annotated[Optional[str], typer.Option(help="simulation strategies, one per party, comma-separated "
                                                           "(default: boulware, then conceder)")] = None,
    protocol: Annotated[str, typer.Option(help=f"simulation protocol: {', '.join(protocol_names())}")] = "sao",
    rounds: Annotated[int, typer.Option(help="simulation rounds", min=1)] = 100,
    seed: Annotated[int, typer.Option(help="simulation seed", min=0)] = 0,
    stakeholders: Annotated[Optional[str], typer.Option(
        help="stakeholder file (or bundled name) to forecast; default: the bundled one named like the scenario, "
             "if any")] = None,
    runs: Annotated[int, typer.Option(help="Monte Carlo runs of the forecast over the uncertainty the stakeholder "
                                           "file states (0 = none)", min=0)] = 100,
    samples: Annotated[int, typer.Option(help="robustness samples when the scenario states distributions "
                                              "(0: no robustness section)", min=0)] = REPORT_SAMPLES,
    record: Annotated[Optional[str], typer.Option(
        help="negotiation record (file or bundled name) to audit; default: the bundled one that names the "
             "scenario, if any")] = None,
) -> None:
    """Write one self-contained HTML report: analysis tables, the utility-space plot, a simulation, a forecast."""
    import accord
    from accord.forecast import bundled_names

    if output.suffix.lower() not in (".html", ".htm"):
        raise OptionError(f"cannot write a report to '{output.suffix or output.name}'", source="--output",
                          fix="name an .html file")
    scenario = accord.load(*paths)
    if stakeholders is None and scenario.name in bundled_names():
        stakeholders = scenario.name
    if record is None:
        from accord.audit import bundled_record_for

        record = bundled_record_for(scenario.name)
    command = "accord report " + " ".join(shlex.quote(p) for p in paths) + f" -o {shlex.quote(output.name)}"
    with progress("report", len(REPORT_PHASES)) as step:
        text = build_report(scenario, names(strategies), protocol=protocol, rounds=rounds, seed=seed,
                            stakeholders=stakeholders, command=command, step=step, runs=runs, samples=samples,
                            record=record)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the report ({error.strerror})", source=str(output),
                         fix="check the folder") from None
    typer.echo(f"wrote {output}")


REPORT_PHASES = ("simulating", "forecasting", "analysing", "sampling and auditing", "rendering")


def build_report(scenario, strategies: list[str] | None = None, *, protocol: str = "sao", rounds: int = 100,
                 seed: int = 0, stakeholders: str | None = None, command: str = "", runs: int = 0,
                 samples: int = REPORT_SAMPLES, record: str | None = None,
                 step=lambda advance=1, description=None: None) -> str:
    """Compute what the report shows (the analysis, a simulation with ``strategies`` — default boulware, then
    conceder —, the expected-utility forecast of each issue of ``stakeholders`` with ``runs`` Monte Carlo runs
    (seed ``seed``) where the file states an uncertainty, the robustness estimate from ``samples`` draws (seed 0)
    when the scenario states distributions, and the audit of the negotiation ``record``) and render it; ``step``
    is told each of ``REPORT_PHASES`` as it starts (for progress)."""
    import accord
    from accord.audit import audit, read_record
    from accord.forecast import ModelConfig, forecast, load_stakeholders, monte_carlo
    from accord.reports.html import render_report
    from accord.robust import robust
    from accord.simulate import run_session

    chosen = strategies or ["boulware"] + ["conceder"] * (len(scenario.parties) - 1)
    step(0, description=REPORT_PHASES[0])
    simulation = run_session(scenario, chosen, protocol=protocol, rounds=rounds, seed=seed)
    step(description=REPORT_PHASES[1])
    groups = load_stakeholders(stakeholders) if stakeholders else ()
    config = ModelConfig(model="eu", rounds=10)
    forecasts = [(group, forecast(group, config)) for group in groups]
    summaries = [monte_carlo(group, config, runs, seed) if runs and group.uncertain else None for group in groups]
    step(description=REPORT_PHASES[2])
    analysis = accord.analyze(scenario)
    step(description=REPORT_PHASES[3])
    robust_result = robust(scenario, samples, seed=0) if samples and scenario.uncertainty else None
    audited = audit(read_record(record, scenario)) if record else None
    step(description=REPORT_PHASES[4])
    text = render_report(analysis, simulation=simulation, max_rounds=rounds, forecasts=forecasts,
                         stakeholders=stakeholders, command=command, monte_carlo=summaries, robust=robust_result,
                         audit=audited)
    step()
    return text


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``report`` to the ``accord`` app."""
    app.command("serve")(serve_command)
    app.command("report")(report_command)
