"""SVG drawings (no plotting library): the utility-space plot of :func:`~accord.reports.plot_data.plot_data`,
optionally with offer paths; its legend; series over rounds (forecast positions)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np

from accord.analysis.solutions import solution_titles
from accord.reports.palette import PARTY_COLOURS, UTILITY_SCALE, party_colour, scale_band

SOLUTION_TITLES = solution_titles()
SOLUTION_COLOURS = {"nash": "#d62728", "kalai_smorodinsky": "#7b3fb5", "egalitarian": "#2a9d2a",
                    "utilitarian": "#e07b00"}
WIDTH, HEIGHT = 640, 480
MARGIN = (20, 20, 48, 60)  # top, right, bottom, left

escape = html.escape


class _Frame:
    """The plot area and the map from data to pixels."""

    def __init__(self, width: int, height: int, x_range=(0.0, 1.0), y_range=(0.0, 1.0), legend: int = 0) -> None:
        top, right, bottom, left = MARGIN
        self.width, self.height = width, height
        self.left, self.top = left, top
        self.w, self.h = width - left - right - legend, height - top - bottom
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        if self.x1 <= self.x0:
            self.x1 = self.x0 + 1.0
        if self.y1 <= self.y0:
            self.y1 = self.y0 + 1.0

    def px(self, x: float) -> float:
        return round(self.left + (x - self.x0) / (self.x1 - self.x0) * self.w, 1)

    def py(self, y: float) -> float:
        return round(self.top + (1 - (y - self.y0) / (self.y1 - self.y0)) * self.h, 1)

    def open(self, css_class: str, label: str) -> list[str]:
        data = (f'data-left="{self.left}" data-top="{self.top}" data-w="{self.w}" data-h="{self.h}" '
                f'data-x0="{self.x0}" data-x1="{self.x1}" data-y0="{self.y0}" data-y1="{self.y1}"')
        return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {self.width} '
                f'{self.height}" width="{self.width}" height="{self.height}" role="img" '
                f'aria-label="{escape(label)}" {data}>',
                f'<rect x="{self.left}" y="{self.top}" width="{self.w}" height="{self.h}" fill="#fff" '
                f'stroke="#999"/>']

    def axes(self, xlabel: str, ylabel: str, x_ticks: Sequence[float], y_ticks: Sequence[float]) -> list[str]:
        out = []
        for t in x_ticks:
            x = self.px(t)
            out.append(f'<line x1="{x}" y1="{self.top}" x2="{x}" y2="{self.top + self.h}" stroke="#eee"/>'
                       f'<text x="{x}" y="{self.top + self.h + 16}" text-anchor="middle" class="tick">{t:g}</text>')
        for t in y_ticks:
            y = self.py(t)
            out.append(f'<line x1="{self.left}" y1="{y}" x2="{self.left + self.w}" y2="{y}" stroke="#eee"/>'
                       f'<text x="{self.left - 6}" y="{y + 4}" text-anchor="end" class="tick">{t:g}</text>')
        out.append(f'<text x="{self.left + self.w / 2}" y="{self.height - 8}" text-anchor="middle" '
                   f'class="axis-label">{escape(xlabel)}</text>')
        out.append(f'<text transform="translate(14 {self.top + self.h / 2}) rotate(-90)" text-anchor="middle" '
                   f'class="axis-label">{escape(ylabel)}</text>')
        return out


def _marker(name: str, x: float, y: float) -> str:
    colour = SOLUTION_COLOURS[name]
    common = f'fill="none" stroke="{colour}" stroke-width="2.5" class="solution" data-solution="{name}"'
    if name == "nash":
        return f'<circle cx="{x}" cy="{y}" r="8" {common}/>'
    if name == "kalai_smorodinsky":
        return f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" {common}/>'
    if name == "egalitarian":
        return f'<path d="M{x} {y - 10}L{x + 10} {y}L{x} {y + 10}L{x - 10} {y}Z" {common}/>'
    return f'<path d="M{x} {y - 11}L{x + 10} {y + 7}L{x - 10} {y + 7}Z" {common}/>'


def utility_svg(data: dict, paths: Sequence[dict] = (), width: int = WIDTH, height: int = HEIGHT,
                shades: Sequence[float] | None = None) -> str:
    """The utility-space plot of :func:`plot_data` as one SVG element.

    Two parties: the outcomes, the frontier as a curve, the rational region shaded. Three or more: a projection,
    labelled so above the plot; each outcome coloured by the utility of the parties off the axes, only outcomes
    rational for every party shaded (a green halo), the n-party frontier as black rings and the pair's own
    frontier as a dashed line.

    ``paths`` are offer paths (``{"party": name, "points": [[ux, uy, step], ...]}``); every offer marker carries
    ``data-step`` so a page can reveal them one step at a time. ``shades`` (one number in [0, 1] per point of
    ``data["points"]``, e.g. a probability) colours the outcome cloud on the scale of :func:`shade_colour`."""
    frame = _Frame(width, height)
    ax = data["axes"]
    parties = data["parties"]
    projected = bool(data.get("projection"))
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]
    label = data.get("projection") or f"utility space: {parties[ax[0]]} against {parties[ax[1]]}"
    out = frame.open("utility-plot", label)
    out += frame.axes(f"utility of {parties[ax[0]]}", f"utility of {parties[ax[1]]}", ticks, ticks)
    if projected:
        out.append(f'<text x="{frame.left}" y="{frame.top - 6}" class="projection" font-size="12">'
                   f'{escape(_short(data["projection"], 95))}<title>{escape(data["projection"])}</title></text>')
    if data.get("sample") and not projected:
        sample = data["sample"]
        shown = _short(f"a sample of {sample['size']:,} of {sample['of']:,} outcomes", 95)
        out.append(f'<text x="{frame.left}" y="{frame.top - 6}" class="sample-caption" font-size="12">'
                   f'{escape(shown)}<title>{escape(sample["caption"])}</title></text>')
    rx, ry = data["reservation"][ax[0]], data["reservation"][ax[1]]
    if projected:
        deals = data["deals"]
        halo = "".join(f"M{frame.px(x)} {frame.py(y)}h0" for x, y, k in data["points"] if deals[k]["rational"])
        out.append(f'<path d="{halo}" stroke="#2a9d2a" stroke-opacity="0.35" stroke-width="18" '
                   f'stroke-linecap="round" fill="none" class="rational"/>')
        if shades is None:  # shaded clouds are drawn over the frontier (below)
            bands: list[list[str]] = [[] for _ in UTILITY_SCALE]
            for x, y, k in data["points"]:
                others = [u for j, u in enumerate(deals[k]["u"]) if j not in ax]
                bands[scale_band(min(others))].append(f"M{frame.px(x)} {frame.py(y)}h0")
            for band, (colour, dots) in enumerate(zip(UTILITY_SCALE, bands)):
                out.append(f'<path d="{"".join(dots)}" stroke="{colour}" stroke-width="5" stroke-linecap="round" '
                           f'fill="none" class="cloud" data-band="{band}"/>')
    else:
        out.append(f'<rect x="{frame.px(rx)}" y="{frame.top}" width="{round(frame.px(1) - frame.px(rx), 1)}" '
                   f'height="{round(frame.py(ry) - frame.top, 1)}" fill="#2a9d2a" fill-opacity="0.06" '
                   f'class="rational"/>')
        if shades is None:
            out += _cloud(frame, data["points"], None)
    front = data["frontier"]
    if front and data.get("frontier_is_curve"):
        line = " ".join(f"{frame.px(x)},{frame.py(y)}" for x, y, _ in front)
        out.append(f'<polyline points="{line}" fill="none" stroke="#222" stroke-width="1.5" class="frontier"/>')
    pair = data.get("pair_frontier") or []
    if pair:
        line = " ".join(f"{frame.px(x)},{frame.py(y)}" for x, y, _ in pair)
        out.append(f'<polyline points="{line}" fill="none" stroke="#555" stroke-width="1.5" '
                   f'stroke-dasharray="2 3" class="pair-frontier"/>')
    if projected:
        rings = "".join(f'<circle cx="{frame.px(x)}" cy="{frame.py(y)}" r="5"/>' for x, y, _ in front)
        out.append(f'<g fill="none" stroke="#111" stroke-width="1.3" class="frontier-points">{rings}</g>')
    else:
        dots = "".join(f"M{frame.px(x)} {frame.py(y)}h0" for x, y, _ in front)
        out.append(f'<path d="{dots}" stroke="#222" stroke-width="5" stroke-linecap="round" fill="none" '
                   f'class="frontier-points"/>')
    if shades is not None:  # on top of the frontier, so the frontier's own packages show their shade too
        out += _cloud(frame, data["points"], shades)
    out.append(f'<line x1="{frame.px(rx)}" y1="{frame.top}" x2="{frame.px(rx)}" y2="{frame.top + frame.h}" '
               f'stroke="{party_colour(ax[0])}" stroke-dasharray="5 4" class="reservation"/>')
    out.append(f'<line x1="{frame.left}" y1="{frame.py(ry)}" x2="{frame.left + frame.w}" y2="{frame.py(ry)}" '
               f'stroke="{party_colour(ax[1])}" stroke-dasharray="5 4" class="reservation"/>')
    for k, path in enumerate(paths):
        colour = _path_colour(path, k, parties)
        for (x0, y0, _), (x1, y1, step) in zip(path["points"], path["points"][1:]):
            out.append(f'<line x1="{frame.px(x0)}" y1="{frame.py(y0)}" x2="{frame.px(x1)}" y2="{frame.py(y1)}" '
                       f'stroke="{colour}" stroke-opacity="0.55" data-step="{step}" class="offer-step"/>')
        for x, y, step in path["points"]:
            out.append(f'<circle cx="{frame.px(x)}" cy="{frame.py(y)}" r="3" fill="{colour}" data-step="{step}" '
                       f'class="offer"><title>{escape(path["party"])}, step {step}</title></circle>')
    for name in SOLUTION_TITLES:
        if name in data["solutions"]:
            x, y, _ = data["solutions"][name]
            out.append(_marker(name, frame.px(x), frame.py(y)))
    out += _offer_key(frame, paths, parties)
    out.append('<circle r="7" fill="none" stroke="#000" stroke-width="2" class="hover-ring" visibility="hidden"/>')
    out.append("</svg>")
    return "\n".join(out)


SHADE_STEPS = 10
SHADE_LOW, SHADE_HIGH, SHADE_ZERO = (198, 219, 239), (8, 48, 107), "#d4d4d4"


def shade_colour(level: float) -> str:
    """The colour of ``level`` in [0, 1]: grey at exactly 0, then light to dark blue in ``SHADE_STEPS`` steps."""
    if level <= 0:
        return SHADE_ZERO
    step = min(SHADE_STEPS, int(np.ceil(level * SHADE_STEPS))) / SHADE_STEPS
    return "#" + "".join(f"{round(lo + (hi - lo) * step):02x}" for lo, hi in zip(SHADE_LOW, SHADE_HIGH))


def _cloud(frame: _Frame, points: Sequence, shades: Sequence[float] | None) -> list[str]:
    """The outcome cloud: one path of dots, or with ``shades`` one path per colour (darkest drawn last)."""
    if shades is None:
        dots = "".join(f"M{frame.px(x)} {frame.py(y)}h0" for x, y, _ in points)
        return [f'<path d="{dots}" stroke="#8aa4c8" stroke-width="3" stroke-linecap="round" fill="none" '
                f'class="cloud"/>']
    groups: dict[str, list[str]] = {}
    for (x, y, _), level in sorted(zip(points, shades), key=lambda pair: pair[1]):
        groups.setdefault(shade_colour(level), []).append(f"M{frame.px(x)} {frame.py(y)}h0")
    return [f'<path d="{"".join(dots)}" stroke="{colour}" stroke-width="3" stroke-linecap="round" fill="none" '
            f'class="cloud shaded" data-colour="{colour}"/>' for colour, dots in groups.items()]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _path_colour(path: dict, k: int, parties: Sequence[str]) -> str:
    """A party's colour: the same for its offers and its reservation line."""
    return party_colour(parties.index(path["party"]) if path["party"] in parties else k)


def _offer_key(frame: _Frame, paths: Sequence[dict], parties: Sequence[str]) -> list[str]:
    """Which colour is whose offers, in the plot's lower-left corner (outcomes bad for both rarely lie there)."""
    if not paths:
        return []
    x, y = frame.left + 8, frame.top + frame.h - 8 - 16 * len(paths)
    width = 16 + 7 * max(len(p["party"]) + 9 for p in paths)
    out = [f'<g class="offer-key"><rect x="{x - 4}" y="{y - 4}" width="{width}" height="{16 * len(paths) + 6}" '
           f'fill="#fff" fill-opacity="0.85" stroke="#ccc"/>']
    for k, path in enumerate(paths):
        cy = y + 16 * k + 6
        out.append(f'<circle cx="{x + 5}" cy="{cy}" r="4" fill="{_path_colour(path, k, parties)}"/>'
                   f'<text x="{x + 14}" y="{cy + 4}" font-size="12">{escape(path["party"])}\'s offers</text>')
    out.append("</g>")
    return out


def legend_html(data: dict) -> str:
    """A legend for :func:`utility_svg`: the solutions, which frontier is drawn, the reservation lines and what is
    shaded, and (in a projection) what a point's colour means."""
    items = []
    for name, title in SOLUTION_TITLES.items():
        if name in data["solutions"]:
            items.append(f'<span class="key"><svg width="24" height="24" viewBox="0 0 24 24">'
                         f'{_marker(name, 12, 12)}</svg>{escape(title)}</span>')
    n = len(data["parties"])
    ax = data["axes"]
    pair = f"{data['parties'][ax[0]]} and {data['parties'][ax[1]]}"
    if data.get("projection"):
        items.append('<span class="key" data-key="frontier"><svg width="24" height="12"><circle cx="12" cy="6" '
                     f'r="3.5" fill="none" stroke="#111" stroke-width="1.3"/></svg>{n}-party Pareto frontier '
                     '(no outcome is better for every party), where it falls in this projection</span>')
        items.append('<span class="key" data-key="pair-frontier"><svg width="24" height="12"><line x1="0" y1="6" '
                     'x2="24" y2="6" stroke="#555" stroke-width="1.5" stroke-dasharray="2 3"/></svg>'
                     f'frontier of {escape(pair)} alone (ignoring the others)</span>')
        items.append('<span class="key" data-key="rational"><svg width="24" height="12"><line x1="4" y1="6" x2="20" '
                     'y2="6" stroke="#2a9d2a" stroke-opacity="0.35" stroke-width="18" stroke-linecap="round"/></svg>'
                     f'halo: at least as good as no deal for all {n} parties</span>')
        scale = "".join(f'<rect x="{12 * k}" y="0" width="12" height="12" fill="{c}"/>'
                        for k, c in enumerate(UTILITY_SCALE))
        items.append(f'<span class="key" data-key="colour"><svg width="{12 * len(UTILITY_SCALE)}" height="12">'
                     f'{scale}</svg>colour: {escape(data["off_axis"])}, 0 (light) to 1 (dark)</span>')
    else:
        items.append('<span class="key" data-key="frontier"><svg width="24" height="12"><line x1="0" y1="6" '
                     'x2="24" y2="6" stroke="#222" stroke-width="2"/></svg>Pareto frontier</span>')
    rational = "" if data.get("projection") else " (shaded: better than no deal for both)"
    items.append('<span class="key"><svg width="24" height="12"><line x1="0" y1="6" x2="24" y2="6" stroke="#555" '
                 f'stroke-dasharray="5 4"/></svg>reservation values of {escape(pair)}{rational}</span>')
    if data.get("sample"):
        items.append(f'<span class="key sample" data-key="sample">Outcomes drawn: '
                     f'{escape(data["sample"]["caption"])}</span>')
    else:
        items.append(f'<span class="key">{len(data["points"]):,} of {data["n_outcomes"]:,} outcomes drawn '
                     f'(one per pixel cell)</span>')
    return '<div class="legend">' + "".join(items) + "</div>"


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ᵏ) covering ``[low, high]``."""
    if high <= low:
        low, high = low - 1.0, high + 1.0
    raw = (high - low) / target
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first, last = np.floor(low / step) * step, np.ceil(high / step) * step
    return [float(round(t, 10)) for t in np.arange(first, last + step / 2, step)]


LEGEND_CHARACTER = 6.2  # px per character of a legend name at the tick font (a generous estimate)
MAX_LEGEND = 300  # px: longer names are shortened, the full name in the tooltip


def _series_marker(k: int, x: float, y: float, colour: str) -> str:
    """The ``k``-th series' marker (circle, square, triangle, diamond by turns of the eight colours), so that
    series sharing a colour are told apart."""
    shape = (k // len(PARTY_COLOURS)) % 4
    if shape == 0:
        return f'<circle cx="{x}" cy="{y}" r="2.8" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 2.6}" y="{y - 2.6}" width="5.2" height="5.2" fill="{colour}"/>'
    if shape == 2:
        return f'<polygon points="{x},{y - 3.4} {x - 3.2},{y + 2.6} {x + 3.2},{y + 2.6}" fill="{colour}"/>'
    return f'<polygon points="{x},{y - 3.4} {x + 3.4},{y} {x},{y + 3.4} {x - 3.4},{y}" fill="{colour}"/>'


def lines_svg(series: dict[str, Sequence[float]], xs: Sequence[int], title: str, ylabel: str,
              dashed: Sequence[str] = (), width: int = WIDTH, height: int = 360,
              band: tuple[float, float, float, str] | None = None) -> str:
    """Series over rounds (e.g. stakeholder positions), one line each (colour and marker), named in a legend wide
    enough for the names; ``dashed`` names are drawn bold and dashed (e.g. the forecast). ``band`` = (low,
    median, high, label) shades a band from low to high with a dotted median (e.g. a Monte Carlo 5–95 % band)."""
    values = [v for s in series.values() for v in s] + (list(band[:3]) if band else [])
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    y_ticks = nice_ticks(low, high)
    x_max = max(xs) if xs and max(xs) > 0 else 1
    entries = [*series, *((band[3], "median") if band else ())]
    legend = int(min(MAX_LEGEND, max(200, 40 + LEGEND_CHARACTER * max((len(n) for n in entries), default=0))))
    height = max(height, 20 + 16 * (len(entries) + 1))
    width = width + max(0, legend - 200)  # the plot keeps its width; the legend gets what the names need
    frame = _Frame(width, height, (min(xs or [0]), x_max), (y_ticks[0], y_ticks[-1]), legend=legend)
    out = frame.open("lines-plot", title)
    step = max(1, round(x_max / 10))
    out += frame.axes("round", ylabel, list(range(0, x_max + 1, step)), y_ticks)
    fits = int((legend - 32) / LEGEND_CHARACTER)
    x0, x1 = frame.px(min(xs or [0])), frame.px(x_max)

    def legend_entry(k: int, name: str, sample) -> None:
        """The ``k``-th legend line: ``sample(x1, x2, y)`` draws the line's look, then the name."""
        ly = frame.top + 14 + 16 * k
        shown = name if len(name) <= fits else name[:fits - 1] + "…"
        out.append(f'<g>{sample(width - legend + 8, width - legend + 28, ly - 4)}'
                   f'<text x="{width - legend + 32}" y="{ly}" class="tick">{escape(shown)}<title>{escape(name)}'
                   f'</title></text></g>')

    if band:
        top, bottom = frame.py(band[2]), frame.py(band[0])
        out.append(f'<rect class="band" x="{x0}" y="{top}" width="{x1 - x0}" height="{bottom - top}" fill="#888" '
                   f'fill-opacity="0.2"><title>{escape(band[3])}</title></rect>')
        out.append(f'<line class="band-median" x1="{x0}" y1="{frame.py(band[1])}" x2="{x1}" y2="{frame.py(band[1])}" '
                   f'stroke="#000" stroke-width="1.5" stroke-dasharray="2 3"><title>median</title></line>')
    for k, (name, ys) in enumerate(series.items()):
        colour = "#000" if name in dashed else party_colour(k)
        points = " ".join(f"{frame.px(x)},{frame.py(y)}" for x, y in zip(xs, ys))
        style = 'stroke-width="2.5" stroke-dasharray="6 4"' if name in dashed else 'stroke-width="1.5"'
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" {style}><title>{escape(name)}'
                   f'</title></polyline>')
        for x, y in zip(xs, ys):
            out.append(_series_marker(k, frame.px(x), frame.py(y), colour))
        legend_entry(k, name, lambda a, b, y, k=k, colour=colour, style=style:
                     f'<line x1="{a}" y1="{y}" x2="{b}" y2="{y}" stroke="{colour}" {style}/>'
                     + _series_marker(k, (a + b) / 2, y, colour))
    if band:
        n = len(series)
        legend_entry(n, band[3], lambda a, b, y: f'<rect x="{a}" y="{y - 4}" width="{b - a}" height="8" '
                                                 'fill="#888" fill-opacity="0.2"/>')
        legend_entry(n + 1, "median", lambda a, b, y: f'<line x1="{a}" y1="{y}" x2="{b}" y2="{y}" stroke="#000" '
                                                      'stroke-width="1.5" stroke-dasharray="2 3"/>')
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["legend_html", "lines_svg", "nice_ticks", "shade_colour", "utility_svg"]
