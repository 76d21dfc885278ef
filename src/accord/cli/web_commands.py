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
from accord.reports.build import REPORT_PHASES, REPORT_SAMPLES

LOOPBACK = ("127.0.0.1", "localhost", "::1")
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
    from accord.io.versions import describe
    from accord.reports.build import build_report

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
                            stakeholders=stakeholders, command=command, version=describe(scenario), step=step,
                            runs=runs, samples=samples, record=record)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the report ({error.strerror})", source=str(output),
                         fix="check the folder") from None
    typer.echo(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``report`` to the ``accord`` app."""
    app.command("serve")(serve_command)
    app.command("report")(report_command)
