"""A horizontal bar chart as one SVG element (no plotting library): signed values around a zero line, one
labelled bar each, e.g. how much each uncertain number moves a probability."""

from __future__ import annotations

from collections.abc import Sequence

from accord.reports.svg import escape

POSITIVE, NEGATIVE = "#1f77b4", "#e07b00"
ROW, LABEL_WIDTH, VALUE_WIDTH = 22, 300, 64


def bars_svg(items: Sequence[tuple[str, float]], title: str, limit: float = 1.0, width: int = 640,
             value_format: str = "{:+.1%}") -> str:
    """Bars for ``(label, value)`` pairs, top to bottom in the order given; the axis spans ``[-limit, limit]``.
    Positive values are blue and point right, negative ones orange and point left; the values are written in a
    column on the right. Each bar carries ``data-label`` and ``data-value``."""
    limit = limit if limit > 0 else 1.0
    top, bottom = 8, 26
    height = top + ROW * max(1, len(items)) + bottom
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    zero = LABEL_WIDTH + plot / 2
    scale = plot / 2 / limit
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars-plot" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">']
    for k, (label, value) in enumerate(items):
        y = top + ROW * k
        length = round(min(abs(value), limit) * scale, 1)
        x = zero if value >= 0 else round(zero - length, 1)
        shown = label if len(label) <= 44 else label[:43] + "…"
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" class="tick">{escape(shown)}'
                   f'<title>{escape(label)}</title></text>'
                   f'<rect x="{x}" y="{y + 4}" width="{length}" height="{ROW - 8}" '
                   f'fill="{POSITIVE if value >= 0 else NEGATIVE}" class="bar" data-label="{escape(label)}" '
                   f'data-value="{value:.6g}"/>'
                   f'<text x="{LABEL_WIDTH + plot + 8}" y="{y + 15}" class="tick value">'
                   f'{escape(value_format.format(value))}</text>')
    axis_y = top + ROW * max(1, len(items))
    out.append(f'<line x1="{zero}" y1="{top}" x2="{zero}" y2="{axis_y}" stroke="#555"/>')
    for tick in (-limit, 0.0, limit):
        x = round(zero + tick * scale, 1)
        out.append(f'<text x="{x}" y="{axis_y + 16}" text-anchor="middle" class="tick">'
                   f'{escape(value_format.format(tick))}</text>')
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["bars_svg"]
