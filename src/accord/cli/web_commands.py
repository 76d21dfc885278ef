"""Commands ``serve`` (the local web workbench) and ``report`` (a one-file HTML report)."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from accord.cli.errors import reports_user_errors
from accord.cli.options import as_list, names
from accord.cli.progress import progress
from accord.errors import InputError, OptionError
from accord.protocols.registry import protocol_names
from accord.reports.build import REPORT_PHASES, REPORT_SAMPLES

LOOPBACK = ("127.0.0.1", "localhost", "::1")
PATHS_HELP = ("scenario file(s): an Accord .yaml/.json file, a bundled scenario name, a GENIUS or GeniusWeb folder, "
              "or a domain file followed by its profile files")


@click.command("serve")
@click.option("--host", default="127.0.0.1", help="address to listen on (127.0.0.1: this computer only)")
@click.option("--port", type=click.IntRange(min=1, max=65535), default=8000, help="port to listen on")
@click.option("--tournament", type=click.Path(path_type=Path), help="tournament results store (SQLite) to show")
@reports_user_errors
def serve_command(host: str, port: int, tournament: Path | None) -> None:
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
        click.echo(f"warning: listening on {host}: anyone who can reach this address can use the workbench",
                   err=True)
    from accord.web.guard import url_host

    click.echo(f"Accord workbench on http://{url_host(host, port)}/ (Ctrl+C stops it)")
    # Host-header check against DNS rebinding, for every loopback address
    app = create_app(tournament=tournament, allowed_hosts=list(LOOPBACK) if loopback else None)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("report")
@click.argument("paths", nargs=-1, required=True, callback=as_list, help=PATHS_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="the HTML file to write")
@click.option("--strategies", help="simulation strategies, one per party, comma-separated (default: boulware, then "
                                   "conceder)")
@click.option("--protocol", default="sao", help=f"simulation protocol: {', '.join(protocol_names())}")
@click.option("--rounds", type=click.IntRange(min=1), default=100, help="simulation rounds")
@click.option("--seed", type=click.IntRange(min=0), default=0, help="simulation seed")
@click.option("--stakeholders", help="stakeholder file (or bundled name) to forecast; default: the bundled one "
                                     "named like the scenario, if any")
@click.option("--runs", type=click.IntRange(min=0), default=100,
              help="Monte Carlo runs of the forecast over the uncertainty the stakeholder file states (0 = none)")
@click.option("--samples", type=click.IntRange(min=0), default=REPORT_SAMPLES,
              help="robustness samples when the scenario states distributions (0: no robustness section)")
@click.option("--record", help="negotiation record (file or bundled name) to audit; default: the bundled one that "
                               "names the scenario, if any")
@reports_user_errors
def report_command(paths: list[str], output: Path, strategies: str | None, protocol: str, rounds: int, seed: int,
                   stakeholders: str | None, runs: int, samples: int, record: str | None) -> None:
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
                            runs=runs, samples=samples, record=record, scenario_name=" ".join(paths))
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the report ({error.strerror})", source=str(output),
                         fix="check the folder") from None
    click.echo(f"wrote {output}")


def register(app: click.Group) -> None:
    """Add ``serve`` and ``report`` to the ``accord`` group."""
    app.add_command(serve_command)
    app.add_command(report_command)
