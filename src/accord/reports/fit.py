"""Rich tables laid out for a narrow terminal: no header split mid-word, no column squeezed to nothing.

When a table is too wide, Rich narrows the widest columns first, as far as it takes, and ignores a column's
minimum while doing so: at 80 columns a long party name took the room of the numbers beside it, and the header
"Kalai–Smorodinsky" was cut mid-word. :func:`fitted` lays the table out first. Every column keeps its longest
header word up to :data:`KEPT_ROOM` cells (a ``no_wrap`` column its widest cell; its header may still wrap at
spaces); a column asked to keep its words (row labels) keeps them up to :data:`KEPT_ROOM` cells; then, room
allowing, every column keeps its value words up to :data:`WORD_ROOM` cells; what is left goes to the columns that
want more (their values before their headers), the widest narrowed first, as Rich does. A word longer than its
column folds rather than being cut with '…', even where the header words do not fit (then the widest columns are
narrowed first). A table that fits is Rich's to lay out as usual. Given several versions of a table (full headings,
then short ones), it draws the first whose words all fit.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table

WORD_ROOM = 14
"""A value word longer than this may be folded before any header word or shorter value word is."""
KEPT_ROOM = 24
"""How long a header word, or a word of a column asked to keep its words (row labels), may be before it too may be
folded (an identifier in a header)."""


Need = tuple[int, ...]
"""The widths one column asks for, in cells with its padding, from the most pressing to the least: one cell, its
header words, its words (row labels) up to :data:`WORD_ROOM`, its value words up to :data:`WORD_ROOM`, its
words (row labels) up to :data:`KEPT_ROOM`, its values unwrapped (and its header on one line or two, if that takes
at most :data:`WORD_ROOM`), and its header unwrapped; each at least the one before."""
_VALUE_WORDS = 3  # where a Need says how wide its value words (up to WORD_ROOM) are


def levelled(floors: Sequence[int], ceilings: Sequence[int], room: int) -> list[int] | None:
    """Widths between ``floors`` and ``ceilings`` that fill at most ``room``, the widest cut first: each is
    ``max(floor, min(ceiling, level))`` for the largest level that fits, and the cells left over go one each to
    the first columns the level cut. ``None`` when the floors alone exceed ``room``."""
    if sum(floors) > room:
        return None
    if sum(ceilings) <= room:
        return list(ceilings)

    def widths(level: int) -> list[int]:
        return [max(floor, min(ceiling, level)) for floor, ceiling in zip(floors, ceilings)]

    low, high = 0, max(ceilings)  # widths(low) fits, widths(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(widths(middle)) <= room else (low, middle)
    chosen = widths(low)
    spare = room - sum(chosen)
    for index, (floor, ceiling) in enumerate(zip(floors, ceilings)):
        if spare and floor <= low < ceiling:
            chosen[index] += 1
            spare -= 1
    return chosen


def column_widths(needs: Sequence[Need], room: int) -> list[int] | None:
    """Widths for ``needs`` in ``room``: the most needs met that fit together, the next ones as far as they go;
    ``None`` when not even one cell a column fits."""
    for step in range(len(needs[0]) - 2, -1, -1):
        widths = levelled([need[step] for need in needs], [need[step + 1] for need in needs], room)
        if widths is not None:
            return widths
    return None


def _padding(table: Table, index: int) -> int:
    _, right, _, left = Padding.unpack(table.padding)
    if table.collapse_padding:
        left, right = 0, abs(left - right)
    if not table.pad_edge:
        left = 0 if index == 0 else left
        right = 0 if index == len(table.columns) - 1 else right
    return left + right


def _borders(table: Table) -> int:
    if not table.box:
        return 0
    return len(table.columns) - 1 + (2 if table.show_edge else 0)


def _need(table: Table, index: int, console: Console, options: ConsoleOptions, keep_words: bool) -> Need:
    column = table.columns[index]
    padding = _padding(table, index)
    if column.width is not None:
        return (column.width + padding,) * 7
    cells = [Measurement.get(console, options, cell) for cell in column.cells]
    header = Measurement.get(console, options, column.header) if table.show_header else Measurement(0, 0)
    body = max((cell.maximum for cell in cells), default=0)
    natural = max(header.maximum, body)
    if column.max_width is not None:
        body, natural = min(body, column.max_width), min(natural, column.max_width)
    widest = max((cell.maximum if column.no_wrap else cell.minimum for cell in cells), default=0)
    hard = max(min(header.minimum, KEPT_ROOM), column.min_width or 0, widest if column.no_wrap else 0)
    soft = max(hard, min(widest, WORD_ROOM))
    kept = max(hard, min(widest, KEPT_ROOM)) if keep_words else soft
    header_room = _header_room(console, column.header, hard) if table.show_header else hard
    steps = (1, hard, soft if keep_words else hard, soft, kept, max(body, kept, header_room), max(natural, body, kept))
    return tuple(width + padding for width in steps)


def _header_room(console: Console, header: object, hard: int) -> int:
    """How wide a header is kept before the values widen: on one line, else on two, if that takes at most
    :data:`WORD_ROOM` cells; else ``hard``."""
    if not isinstance(header, str):
        return hard
    text = console.render_str(header)
    for lines in (1, 2):
        for width in range(hard, WORD_ROOM + 1):
            if len(text.wrap(console, width)) <= lines:
                return width
    return hard


class Fitted:
    """The first of ``tables`` whose value words all fit at the width it is drawn in (else the last), laid out by
    :func:`column_widths`."""

    def __init__(self, tables: Sequence[Table], keep_words: tuple[int, ...]) -> None:
        self.tables = tables
        self.keep_words = keep_words

    def _needs(self, table: Table, console: Console, options: ConsoleOptions) -> list[Need]:
        return [_need(table, index, console, options, index in self.keep_words)
                for index in range(len(table.columns))]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.tables[0])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for table in self.tables:
            needs = self._needs(table, console, options)
            room = options.max_width - _borders(table)
            if sum(need[_VALUE_WORDS] for need in needs) <= room:
                break
        widths = column_widths(needs, room) if needs else None
        if widths is None or sum(need[-1] for need in needs) <= room:
            yield table
            return
        laid_out = copy.copy(table)
        laid_out.columns = [_fixed(column, width - _padding(table, index))
                            for index, (column, width) in enumerate(zip(table.columns, widths))]
        yield laid_out


def _fixed(column: Column, width: int) -> Column:
    # a no_wrap column is at least as wide as its widest cell here, so only its header may still wrap; a word too
    # long for its column folds instead of being cut with '…' (Rich also cut a wrapped line of CJK text that ends
    # at the column's edge, counting its trailing space in characters, not cells)
    overflow = "fold" if column.overflow == "ellipsis" else column.overflow
    return dataclasses.replace(column, width=width, no_wrap=False, overflow=overflow)


def fitted(*tables: Table, keep_words: tuple[int, ...] = ()) -> Fitted:
    """The first of ``tables`` whose words fit (else the last), drawn so that no header is split mid-word and no
    column is squeezed unreadable; the columns numbered in ``keep_words`` (row labels, say) keep their value words
    whole before the others do, up to :data:`KEPT_ROOM` cells."""
    return Fitted(tables, keep_words)
