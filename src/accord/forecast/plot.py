"""Draw stakeholder positions over rounds (matplotlib, imported only when a plot is asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from accord.errors import InputError, OptionError
from accord.forecast.models import Forecast

FORMATS = (".png", ".svg")


def plot_rounds(forecasts: Sequence[Forecast], path: str | Path) -> Path:
    """Save one panel per forecast (issue): each actor's position by round and the forecast as a dashed line."""
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
    figure, axes = plt.subplots(len(forecasts), 1, figsize=(8, 4.5 * len(forecasts)), squeeze=False)
    for ax, result in zip(axes[:, 0], forecasts):
        ax.set_prop_cycle(color=plt.get_cmap("tab20").colors)
        numbers = [r.number for r in result.rounds]
        for index, actor in enumerate(result.actors):
            ax.plot(numbers, [r.positions[index] for r in result.rounds], marker="o", linewidth=1, label=actor)
        ax.plot(numbers, [r.forecast for r in result.rounds], "k--", linewidth=2, label="forecast")
        ax.set_title(f"{result.issue} ({result.model})")
        ax.set_xlabel("round")
        ax.set_ylabel("position")
        ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.tight_layout()
    try:
        figure.savefig(path)
    except OSError as error:
        raise InputError(f"cannot write the plot ({error.strerror})", source=str(path), fix="check the folder") from None
    finally:
        plt.close(figure)
    return path
