"""Draw stakeholder positions over rounds (matplotlib, imported only when a plot is asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from accord.errors import InputError, OptionError
from accord.forecast.models import Forecast
from accord.forecast.monte_carlo import MonteCarloSummary

FORMATS = (".png", ".svg")


MARKERS = "osD^vP*X"
LINE_STYLES = ("-", "--", ":", "-.")
COLOURS = 10  # matplotlib's tab10


def actor_style(k: int) -> tuple[int, str, str]:
    """The colour (index into tab10), marker and line style of the ``k``-th actor: colour and marker change
    together, so that the first 40 actors are told apart even where colours repeat after ten."""
    return k % COLOURS, MARKERS[k % len(MARKERS)], LINE_STYLES[(k // COLOURS) % len(LINE_STYLES)]


def plot_rounds(forecasts: Sequence[Forecast], path: str | Path,
                summaries: Sequence[MonteCarloSummary | None] = ()) -> Path:
    """Save one panel per forecast (issue): each actor's position by round (a colour and marker each), the
    forecast as a dashed line and, where a Monte Carlo summary is given, its median and 5–95 % band. The legend
    sits beside each panel and the image grows to hold it whole."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise OptionError(f"cannot draw '{path.suffix or path.name}'", parameter="plot", fix="use a .png or .svg file")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from accord.extras import install_hint

        raise InputError("plotting needs matplotlib", parameter="plot", fix=install_hint("plots")) from None
    summaries = list(summaries) + [None] * (len(forecasts) - len(summaries))
    with plt.rc_context({"svg.fonttype": "none"}):  # SVG text stays text: searchable, small
        figure, axes = plt.subplots(len(forecasts), 1, figsize=(11, 4.5 * len(forecasts)), squeeze=False,
                                    layout="constrained")
        colours = plt.get_cmap("tab10").colors
        for ax, result, summary in zip(axes[:, 0], forecasts, summaries):
            numbers = [r.number for r in result.rounds]
            for index, actor in enumerate(result.actors):
                colour, marker, style = actor_style(index)
                ax.plot(numbers, [r.positions[index] for r in result.rounds], color=colours[colour], marker=marker,
                        linestyle=style, linewidth=1, markersize=4, label=actor)
            ax.plot(numbers, [r.forecast for r in result.rounds], "k--", linewidth=2, label="forecast")
            if summary is not None:
                ax.axhspan(summary.p5, summary.p95, color="0.5", alpha=0.18,
                           label=f"Monte Carlo 5–95 % band ({len(summary.finals)} runs)")
                ax.axhline(summary.median, color="k", linestyle=":", linewidth=1.5, label="Monte Carlo median")
            ax.set_title(f"{result.issue} ({result.model})")
            ax.set_xlabel("round")
            ax.set_ylabel("position")
            ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                      ncol=2 if len(result.actors) > 16 else 1)
        try:
            figure.savefig(path, bbox_inches="tight")  # the legend beside the axes is part of the image
        except OSError as error:
            raise InputError(f"cannot write the plot ({error.strerror})", source=str(path),
                             fix="check the folder") from None
        finally:
            plt.close(figure)
    return path
