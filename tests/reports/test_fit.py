"""Tables laid out for a narrow terminal: levelled widths against a brute-force reference, and tables drawn at 80
columns with no header split mid-word and no column squeezed to nothing."""

from __future__ import annotations

import io
import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from accord.reports.fit import column_widths, fitted, levelled
from tests.cli_assertions import assert_readable_tables


def brute_levelled(floors: list[int], ceilings: list[int], room: int) -> list[int] | None:
    """Among all widths between the bounds that fill the most of ``room``, the most even: the largest narrowest
    column, then the largest next narrowest, and so on."""
    if sum(floors) > room:
        return None
    candidates = [list(w) for w in itertools.product(*(range(f, c + 1) for f, c in zip(floors, ceilings)))
                  if sum(w) <= room]
    most = max(sum(w) for w in candidates)
    return max((w for w in candidates if sum(w) == most), key=sorted)


bounds = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 6)), min_size=1, max_size=4)


@given(bounds, st.integers(0, 30))
def test_levelled_fills_the_room_as_evenly_as_the_bounds_allow(pairs, room):
    floors = [floor for floor, _ in pairs]
    ceilings = [floor + extra for floor, extra in pairs]
    widths = levelled(floors, ceilings, room)
    reference = brute_levelled(floors, ceilings, room)
    if reference is None:
        assert widths is None
        return
    assert all(f <= w <= c for f, w, c in zip(floors, widths, ceilings))
    assert sum(widths) == sum(reference)  # as much of the room as fits
    assert sorted(widths) == sorted(reference)  # as even as the brute force finds


def test_column_widths_give_up_value_words_before_header_words():
    # (one cell, header words, row-label words, value words, long row labels, values, headers) per column
    needs = [(3, 7, 7, 14, 14, 40, 40), (3, 19, 19, 19, 19, 19, 19), (3, 6, 6, 14, 14, 30, 30)]
    assert column_widths(needs, 200) == [40, 19, 30]
    assert column_widths(needs, 47) == [14, 19, 14]
    assert column_widths(needs, 40) == [11, 19, 10]
    assert column_widths(needs, 24) == [7, 11, 6]  # header words no longer fit: the widest is cut first
    assert column_widths(needs, 8) is None  # not even a cell a column: Rich's own layout


def drawn(*tables: Table, width: int = 80, **options) -> str:
    screen = io.StringIO()
    Console(file=screen, width=width).print(fitted(*tables, **options))
    return screen.getvalue()


def parties_table(name: str) -> Table:
    table = Table(show_header=True, header_style="bold")
    table.add_column("party", overflow="fold")
    for header in ("reservation (no deal)", "discount", "best deal for them", "worst"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_row(name, "0.2500", "—", "0.9500", "0.0700")
    return table


def test_a_long_name_leaves_the_numbers_whole_and_wraps_at_words():
    """Rich cut the no_wrap numbers' headers with '…' and folded the party name in 11 cells ('Internation|al')."""
    name = "International Development Lender (IDL) — Asia–Pacific Infrastructure Window"
    text = drawn(parties_table(name))
    assert_readable_tables(text, headers=("reservation (no deal)", "best deal for them", "discount", "worst"))
    cells = " ".join(line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│"))
    assert cells.split() == name.split()  # wrapped at spaces only
    assert "0.2500" in text and "0.9500" in text


def test_a_table_that_fits_is_drawn_as_rich_draws_it():
    table = parties_table("A")
    screen = io.StringIO()
    Console(file=screen, width=80).print(table)
    assert drawn(table) == screen.getvalue()


def test_the_first_version_whose_words_fit_is_drawn():
    def version(header: str) -> Table:
        table = Table(show_header=True)
        table.add_column(header)
        table.add_column("values")
        table.add_row("x", "word " * 30)
        return table

    assert "Kalai–Smorodinsky" in drawn(version("Kalai–Smorodinsky"), version("KS"), width=60)
    assert "KS" in drawn(version("Kalai–Smorodinsky"), version("KS"), width=24)


def test_a_short_header_stays_on_one_line_beside_a_wide_column():
    """A long offer column took every spare cell, so 'u Japan' wrapped to 'u' / 'Japan' beside it."""
    table = Table(show_header=True)
    table.add_column("move")
    table.add_column("u Japan", justify="right")
    table.add_column("u Russia", justify="right")
    table.add_row("habomai=japan, " * 20, "1.000", "0.050")
    text = drawn(table)
    assert_readable_tables(text, headers=("move", "u Japan", "u Russia"))
    assert "┃ u Japan ┃ u Russia ┃" in text


def test_a_cjk_line_ending_at_the_columns_edge_is_not_cut():
    """Rich counted a wrapped line's trailing space in characters, not cells: a line of CJK text that ends at the
    column's edge lost its last letter to '…' ('Ministry of Energ…'). Fitted columns fold instead."""
    table = Table(show_header=True)
    table.add_column("round", justify="right")
    table.add_column("events")
    table.add_row("1", "漁民協同組合連合会の代表団 loses confrontation to Ministry of Energy and Mines; Ñandú dam "
                       "authority compromises with Ministry of Energy and Mines")
    text = drawn(table)
    assert_readable_tables(text, headers=("round", "events"))
    assert "Ministry of Energy" in text
