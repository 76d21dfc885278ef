"""Commands on scenarios: list, validate, analyse, convert."""

from __future__ import annotations

import json
from pathlib import Path

import click

from accord.analysis import analyze
from accord.cli.errors import USER_ERROR_EXIT, error_line, reports_user_errors
from accord.cli.options import as_list
from accord.cli.progress import progress
from accord.errors import OptionError, ScenarioError
from accord.io import bundled_scenarios, load
from accord.io.load import are_one_foreign_scenario, load_each
from accord.io.convert import TARGETS, convert

PATHS_HELP = ("scenario file(s): an Accord .yaml/.json file, a bundled scenario name, a GENIUS or GeniusWeb folder, "
              "or a domain file followed by its profile files")


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, callback=as_list, help=PATHS_HELP)
@click.option("--json", "as_json", is_flag=True, help="print one JSON document instead of tables")
@click.option("--rows", type=click.IntRange(min=1), default=12, help="frontier rows to show")
@click.option("--method", help="force an exact method: enumeration, additive-merge or branch-and-bound (default: "
                               "the fastest that applies)")
@reports_user_errors
def analyze_command(paths: list[str], as_json: bool, rows: int, method: str | None) -> None:
    """Analyse a scenario: zone of agreement, Pareto frontier, Nash / Kalai–Smorodinsky / egalitarian /
    utilitarian deals."""
    analyses = []
    loaded = load_each(paths)
    with progress("analysing", len(loaded), quiet=as_json) as step:
        for source, scenario in loaded:
            step(0, description=f"analysing {scenario.name}")
            try:
                analyses.append(analyze(scenario, method))
            except ScenarioError as error:
                raise error.located(source, replacing=scenario.name) from None
            step()
    if as_json:
        documents = [a.to_json() for a in analyses]
        click.echo(json.dumps(documents[0] if len(documents) == 1 else documents, indent=2, allow_nan=False))
        return
    from accord.cli.screen import screen
    from accord.reports.console import render

    console = screen()
    for analysis in analyses:
        render(analysis, console, frontier_rows=rows)


@click.command("scenarios")
@click.option("--all", "everything", is_flag=True, help="also list the research library (GENIUS, GeniusWeb, large "
                                                        "GENIUS domains) with where each comes from")
@reports_user_errors
def scenarios_command(everything: bool) -> None:
    """List the scenarios bundled with Accord."""
    from rich.table import Table
    from rich.text import Text

    from accord.cli.screen import screen
    from accord.io.bundled import library_dir, library_scenarios
    from accord.io.files import read_yaml
    from accord.reports.fit import fitted
    from accord.space import feasible_size

    console = screen()
    table = Table(show_header=True, header_style="bold")
    table.add_column("name", no_wrap=True)  # the name is what the user types: never cut it
    table.add_column("title")
    table.add_column("parties")
    table.add_column("issues", justify="right")
    table.add_column("feasible outcomes", justify="right", no_wrap=True)
    bundled = list(bundled_scenarios().items())
    listed = library_scenarios() if everything else {}
    library = Table(show_header=True, header_style="bold", title="Research library")
    library.add_column("name", no_wrap=True)
    library.add_column("parties", justify="right")
    library.add_column("issues", justify="right")
    library.add_column("feasible outcomes", justify="right", no_wrap=True)
    with progress("counting outcomes", len(bundled) + len(listed)) as step:
        for name, path in bundled:
            scenario = load(path)
            table.add_row(name, scenario.title, ", ".join(scenario.party_names), str(len(scenario.issues)),
                          f"{feasible_size(scenario):,}")
            step()
        for name, path in listed.items():
            scenario = load(path)
            library.add_row(name, str(len(scenario.parties)), str(len(scenario.issues)),
                            _outcome_count(feasible_size(scenario)))
            step()
    console.print(fitted(table))
    if not everything:
        return
    console.print(fitted(library))
    for collection, entry in read_yaml(library_dir() / "provenance.yaml").items():
        console.print(Text.assemble((f"{collection}/", "bold"), f" ({entry['title']}): {entry['source']}"),
                      highlight=False)


def _outcome_count(count: int) -> str:
    """An exact count with thousands separators; past 10^15, exact powers of ten as 10^k, others to 4 digits."""
    if count < 10**15:
        return f"{count:,}"
    digits = str(count)
    if digits.strip("0") == "1":
        return f"10^{len(digits) - 1}"
    return f"{count:.3e}"


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, callback=as_list,
                help="scenario files or folders to check, each on its own (the files of one GENIUS/GeniusWeb "
                     "scenario, given together, are one)")
@reports_user_errors
def validate_command(paths: list[str]) -> None:
    """Check scenario files and report every error in each at once."""
    from accord.analysis.feasibility import count_feasible

    failed = False
    try:
        together = all(Path(name).is_file() for name in paths) and are_one_foreign_scenario([Path(p) for p in paths])
    except ScenarioError:  # a file of unknown type: each is checked (and reported) on its own
        together = False
    for name in [" ".join(paths)] if together else paths:
        try:
            scenario = load(*paths) if together else load(name)
        except ScenarioError as error:
            failed = True
            for problem in error.all_errors or (error,):
                click.echo(f"error: {error_line(problem)}", err=True)
            continue
        except OptionError as error:
            failed = True
            click.echo(f"error: {error_line(error)}", err=True)
            continue
        feasible = count_feasible(scenario)
        if feasible == 0:
            failed = True
            problem = ScenarioError("the constraints rule out every outcome", source=name, where="constraints",
                                    fix="relax or remove a constraint")
            click.echo(f"error: {error_line(problem)}", err=True)
            continue
        counted = ("whether the constraints leave any outcome is not checked (too many constraints on too large "
                   "a space to count cheaply)" if feasible is None else f"{feasible:,} feasible")
        click.echo(f"ok: {name}: {len(scenario.parties)} parties, {len(scenario.issues)} issues, "
                   f"{scenario.cartesian_size:,} outcomes before constraints, {counted}")
    if failed:
        raise click.exceptions.Exit(USER_ERROR_EXIT)


@click.command("convert")
@click.argument("paths", nargs=-1, required=True, callback=as_list, help=PATHS_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="output file (.yaml/.json) or folder")
@click.option("--to", help=f"target format: {', '.join(TARGETS)} (default: from the output's suffix)")
@reports_user_errors
def convert_command(paths: list[str], output: Path, to: str | None) -> None:
    """Convert a scenario between Accord YAML/JSON, GENIUS XML and GeniusWeb JSON, saying what is lost."""
    scenario = load(*paths)
    try:
        written, losses = convert(scenario, output, to)
    except OSError as error:
        raise OptionError(f"cannot write ({error.strerror or error})", source=str(error.filename or output),
                          fix="choose a writable --output path") from None
    for path in written:
        click.echo(f"wrote {path}")
    for loss in losses:
        click.echo(f"lost: {loss}", err=True)


def register(app: click.Group) -> None:
    """Add ``analyze``, ``scenarios``, ``validate`` and ``convert`` to the ``accord`` group."""
    for command in (analyze_command, scenarios_command, validate_command, convert_command):
        app.add_command(command)
