"""Tournament results for the workbench: the ranking from the results store named when the server started.

The store path comes from whoever runs ``accord serve --tournament FILE``, never from a browser. If the
tournament package is not available, the page says so instead of failing.
"""

from __future__ import annotations

from pathlib import Path

from accord.errors import InputError

COLUMNS = ("rank", "strategy", "sessions", "mean utility (95% CI)", "agreement rate (95% CI)", "welfare",
           "distance to frontier", "distance to Nash", "faults")


def _ci(mid: float, low: float, high: float) -> str:
    return f"{mid:.3f} [{low:.3f}, {high:.3f}]"


def results(path: Path | None) -> dict:
    """Template context: ``columns``, ``rows``, ``source`` and a ``message`` when there is nothing to show."""
    empty = {"columns": COLUMNS, "rows": [], "source": ""}
    if path is None:
        return {**empty, "message": "No tournament loaded. Start the server with "
                                    "'accord serve --tournament results.sqlite' to show one."}
    try:
        from accord.tournament import open_existing, summarize
    except ImportError:
        return {**empty, "message": "Tournaments are not available in this installation."}
    try:
        store = open_existing(path)
    except InputError as error:
        return {**empty, "message": f"error: {error.one_line()}"}
    try:
        rows = store.rows()
    finally:
        store.close()
    ranking = summarize(rows)
    table = [[k + 1, s.name, s.sessions, _ci(s.mean_utility, s.mean_utility_low, s.mean_utility_high),
              _ci(s.agreement_rate, s.agreement_rate_low, s.agreement_rate_high), f"{s.welfare:.3f}",
              f"{s.pareto_distance:.3f}", f"{s.nash_distance:.3f}", s.faults] for k, s in enumerate(ranking)]
    message = "" if table else "The tournament holds no finished session yet."
    return {"columns": COLUMNS, "rows": table, "source": f"{path.name}: {len(rows)} sessions", "message": message}
