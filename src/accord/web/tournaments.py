"""Tournament results for the workbench: the ranking from the results store named when the server started.

The store path comes from whoever runs ``accord serve --tournament FILE``, never from a browser.
"""

from __future__ import annotations

from pathlib import Path

from accord.errors import InputError
from accord.tournament.stats import Interval

COLUMNS = ("rank", "strategy", "sessions", "mean utility (95% CI)", "agreement rate (95% CI)", "welfare",
           "distance to frontier", "distance to Nash", "faults")


def _ci(estimate: Interval) -> str:
    return f"{estimate.value:.3f} [{estimate.low:.3f}, {estimate.high:.3f}]"


def results(path: Path | None) -> dict:
    """Template context: ``columns``, ``rows``, ``source`` and a ``message`` when there is nothing to show."""
    empty = {"columns": COLUMNS, "rows": [], "source": ""}
    if path is None:
        return {**empty, "message": "No tournament loaded. Start the server with "
                                    "'accord serve --tournament results.sqlite' to show one."}
    from accord.tournament import open_existing, summarize

    try:
        store = open_existing(path)
    except InputError as error:
        return {**empty, "message": f"error: {error.one_line()}"}
    try:
        rows = store.rows()
    except InputError as error:
        return {**empty, "message": f"error: {error.one_line()}"}
    finally:
        store.close()
    ranking = summarize(rows)
    table = [[k + 1, s.name, s.sessions, _ci(s.mean_utility), _ci(s.agreement_rate), f"{s.welfare.value:.3f}",
              f"{s.pareto_distance.value:.3f}", f"{s.nash_distance.value:.3f}", s.faults]
             for k, s in enumerate(ranking)]
    message = "" if table else "The tournament holds no finished session yet."
    return {"columns": COLUMNS, "rows": table, "source": f"{path.name}: {len(rows)} sessions", "message": message}
