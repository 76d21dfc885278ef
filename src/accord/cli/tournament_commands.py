"""Commands on tournaments: run one (resumable), show the ranking stored in a database."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional

import click
from rich import box
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from accord.cli.errors import reports_user_errors
from accord.cli.options import as_list, names
from accord.cli import progress as terminal_progress
from accord.cli.screen import screen
from accord.errors import OptionError
from accord.executors import make_executor
from accord.protocols.registry import protocol_names
from accord.reports.fit import fitted
from accord.tournament.runner import run, validate
from accord.tournament.spec import TournamentSpec, build, is_spec_file, read_spec
from accord.tournament.stats import Interval, StrategyStats, summarize, write_csv, write_parquet
from accord.tournament.store import Store, open_existing
from accord.wording import counted

DEFAULT_DB = "tournament.db"
HELP = "see 'accord tournament --help'"


class RateColumn(ProgressColumn):
    """Sessions per second."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} sessions/s" if speed else "", style="cyan")


def _spec_data(args: list[str], strategies: Optional[str], scenarios: Optional[list[str]],
               flags: dict) -> tuple[dict, str]:
    """Merge a spec file (if the first argument is one) with the flags; returns the data and its source."""
    data: dict = {}
    source = ""
    extra = list(args)
    if extra and is_spec_file(extra[0]):
        source = extra.pop(0)
        data = read_spec(source)
        if data.get("db") is None and flags.get("db") is None:
            data["db"] = str(Path(source).with_suffix(".db"))
    elif extra and strategies is None and scenarios is None and len(extra) == 1 and \
            Path(extra[0]).suffix.lower() in (".yaml", ".yml"):
        if not Path(extra[0]).is_file():
            raise OptionError("no such spec file", source=extra[0], fix="check the path")
        read_spec(extra[0])  # a spec that does not parse (or is empty) says so, naming the file
    if strategies is not None:
        data["strategies"] = names(strategies)
    named = list(scenarios or []) + extra
    if named:
        data["scenarios"] = list(data.get("scenarios") or []) + named if source else named
    data.update({k: v for k, v in flags.items() if v is not None})
    return data, source


def _build(data: dict, source: str, flags: frozenset[str]) -> TournamentSpec:
    """The validated spec; a bad value given as a flag (in ``flags``) is named by its flag, not by the file."""
    try:
        return build(data, source)
    except OptionError as error:
        from_flag = error.parameter in flags
        raise OptionError(error.message, source="" if from_flag else error.source,
                          where="" if from_flag else error.where, parameter=error.parameter,
                          fix=error.fix or HELP) from None


def _check_export(target: Optional[str], option: str) -> None:
    """Refuse an export path that cannot be written before the tournament runs rather than after it."""
    if not target:
        return
    path = Path(target)
    if path.is_dir():
        raise OptionError("is a folder", source=target, fix=f"name a file for {option}")
    if not path.parent.is_dir():
        raise OptionError("folder does not exist", source=str(path.parent),
                          fix=f"create it or choose another {option} path")


def _progress(console: Console | None) -> Progress:
    """The sessions bar, drawn only on a terminal (``console`` from ``progress_console``); disabled otherwise."""
    return Progress(TextColumn("[bold]sessions"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    console=console, transient=False, disable=console is None)


def _fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def _pm(estimate: Interval) -> str:
    if math.isnan(estimate.value):
        return "–"
    return f"{estimate.value:.3f}±{(estimate.high - estimate.low) / 2:.3f}"


def ranking_table(stats: list[StrategyStats], title: str, gap: int = 1) -> Table:
    """The ranking: means with the half-width of their 95 % interval (every bound is in --json / --csv); ``gap``
    spaces beside the one between columns."""
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, gap, 0, 0),
                  header_style="bold", caption_justify="left",
                  caption="mean±half-width of the 95% CI; distances to the Pareto frontier and the Nash point")
    for column in ("strategy", "n", "utility", "median", "agreed", "welfare", "Pareto", "Nash", "faults"):
        table.add_column(column, justify="left" if column == "strategy" else "right", no_wrap=True)
    for s in stats:
        table.add_row(s.name, str(s.sessions),
                      _pm(s.mean_utility), _fmt(s.median_utility.value),
                      f"{s.agreement_rate.value:.0%}" if not math.isnan(s.agreement_rate.value) else "–",
                      _fmt(s.welfare.value, 2), _fmt(s.pareto_distance.value), _fmt(s.nash_distance.value),
                      str(s.faults))
    return table


def results_document(store: Store, rows: list[dict], stats: list[StrategyStats]) -> dict:
    faults: dict[str, int] = {}
    for row in rows:
        if row["fault_kind"]:
            faults[row["fault_kind"]] = faults.get(row["fault_kind"], 0) + 1
    return {
        "sessions": len(rows),
        "planned": store.planned(),
        "complete": len(rows) == store.planned(),
        "agreements": sum(row["agreement"] for row in rows),
        "faults": faults,
        "spec": store.meta().get("spec"),
        "strategies": [s.to_json() for s in stats],
    }


def _show(store: Store, as_json: bool, csv: Optional[str], parquet: Optional[str], title: str) -> None:
    rows = store.rows()
    stats = summarize(rows)
    document = results_document(store, rows, stats)
    if csv:
        write_csv(stats, csv)
    if parquet:
        write_parquet(stats, parquet)
    if as_json:
        click.echo(json.dumps(document, indent=2, allow_nan=False))
        return
    console = screen()
    heading = f"{title}: {document['sessions']:,} of {document['planned']:,} sessions"
    console.print(fitted(ranking_table(stats, heading), ranking_table(stats, heading, gap=0)))  # long names: tighter
    faulty = [row for row in rows if row["fault_kind"]]
    if faulty:
        console.print(f"{counted(len(faulty), 'session')} lost to faults, e.g.:")
        for row in faulty[:5]:
            who = row["fault_strategy"] or "unknown party"
            console.print(f"  {row['key']}: {who} {row['fault_kind']}: {row['fault_message']}", markup=False,
                          highlight=False)
    console.print(f"store: {store.path}", markup=False, highlight=False)
    for path in (csv, parquet):
        if path:
            console.print(f"wrote {path}", markup=False, highlight=False)


# Every option defaults to None (not given), so a spec file's value stands; the help names the built-in default.
@click.command("tournament")
@click.argument("args", nargs=-1, callback=as_list,
                help="SPEC.yaml; with --strategies, more scenarios (so '--scenarios X Y' works)")
@click.option("--strategies", help="comma-separated strategy names (see 'accord strategies')")
@click.option("--scenarios", multiple=True, callback=as_list,
              help="scenario: file, folder, bundled name (anything 'accord analyze' accepts); repeatable")
@click.option("--repetitions", type=int, help="sessions per assignment [1]")
@click.option("--rounds", type=int, help="rounds per session [100]")
@click.option("--seed", type=int, help="root seed [0]")
@click.option("--self-play/--no-self-play", default=None, show_default=False,
              help="also pair each strategy with itself")
@click.option("--protocol", help=f"{', '.join(protocol_names())} [sao]")
@click.option("--budget", type=float, help="seconds a strategy call may take [1]")
@click.option("--timeout", type=float, help="wall-clock seconds a session may take [60]")
@click.option("--workers", type=int, help="local worker processes [1: serial]")
@click.option("--dask", help="Dask scheduler tcp://HOST:8786, or 'local' for a LocalCluster")
@click.option("--db", help=f"SQLite store [SPEC.db or {DEFAULT_DB}]")
@click.option("--csv", help="write the ranking as CSV")
@click.option("--parquet", help="write the ranking as Parquet")
@click.option("--batch", type=int, help="sessions per batch [automatic]")
@click.option("--json", "as_json", is_flag=True, help="print the results as one JSON document")
@reports_user_errors
def tournament_command(args: list[str] | None, strategies: str | None, scenarios: list[str] | None,
                       repetitions: int | None, rounds: int | None, seed: int | None, self_play: bool | None,
                       protocol: str | None, budget: float | None, timeout: float | None, workers: int | None,
                       dask: str | None, db: str | None, csv: str | None, parquet: str | None, batch: int | None,
                       as_json: bool) -> None:
    """Run every pairing of strategies on every scenario (both role assignments) × repetitions, storing each
    session; rerun the same command to resume after an interruption."""
    flags = {"repetitions": repetitions, "rounds": rounds, "seed": seed, "self_play": self_play,
             "protocol": protocol, "budget": budget, "timeout": timeout, "workers": workers, "dask": dask,
             "db": db, "csv": csv, "parquet": parquet, "batch": batch}
    data, source = _spec_data(args or [], strategies, scenarios, flags)
    if not data:
        raise OptionError("nothing to run", source="accord tournament",
                          fix="give SPEC.yaml, or --strategies a,b --scenarios X Y")
    given = frozenset(k for k, v in flags.items() if v is not None) | (
        frozenset({"strategies"}) if strategies is not None else frozenset())
    spec = _build(data, source, given)
    for target, option in ((spec.csv, "--csv"), (spec.parquet, "--parquet")):
        _check_export(target, option)
    tournament = spec.plan()
    validate(tournament)
    path = spec.db or DEFAULT_DB
    err = Console(stderr=True)
    with Store(path) as store:
        done_before = len(store.begin(tournament))
        with make_executor(spec.workers, spec.dask, killable=bool(spec.timeout)) as executor:
            if done_before:
                err.print(f"resuming {path}: {done_before:,} of {len(tournament):,} sessions already stored",
                          markup=False, highlight=False, soft_wrap=True)
            with _progress(None if as_json else terminal_progress.progress_console()) as bar:
                task = bar.add_task("sessions", total=len(tournament))

                def progress(done: int, total: int, new: int) -> None:
                    bar.update(task, completed=done)

                try:
                    run(tournament, store, executor, size=spec.batch, progress=progress)
                except KeyboardInterrupt:  # the bar ends at what is stored, and the user learns how to go on
                    bar.update(task, completed=store.count())
                    bar.stop()
                    err.print(f"interrupted: {store.count():,} of {len(tournament):,} sessions are stored in {path}; "
                              "run the same command again to resume", markup=False, highlight=False, soft_wrap=True)
                    raise SystemExit(130) from None
        _show(store, as_json, spec.csv, spec.parquet, "Tournament")


@click.command("results")
@click.argument("database", metavar="DB", help="a tournament's SQLite file")
@click.option("--json", "as_json", is_flag=True, help="print one JSON document")
@click.option("--csv", help="write the ranking as CSV")
@click.option("--parquet", help="write the ranking as Parquet")
@click.option("--sessions", help="write every stored session, one row each, to FILE.csv or FILE.parquet")
@reports_user_errors
def results_command(database: str, as_json: bool, csv: str | None, parquet: str | None,
                    sessions: str | None) -> None:
    """Show the ranking stored in a tournament database (complete or not)."""
    with open_existing(database) as store:
        if sessions:
            from accord.tournament.stats import write_records
            from accord.tournament.rows import COLUMNS

            write_records(store.rows(), COLUMNS, sessions, "sessions")
        _show(store, as_json, csv, parquet, "Results")
    if sessions and not as_json:
        click.echo(f"wrote {sessions}")


def register(app: click.Group) -> None:
    """Add ``tournament`` and ``results`` to the ``accord`` group."""
    app.add_command(tournament_command)
    app.add_command(results_command)
