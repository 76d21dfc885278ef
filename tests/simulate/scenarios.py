"""Small hand-made scenarios for the simulation tests, built with the model classes."""

from __future__ import annotations

import math

from accord.model import Issue, Linear, LinearAdditive, Party, Scenario, Table


def line(reservation_a: float = 0.0, reservation_b: float = 0.0, steps: int = 10) -> Scenario:
    """One integer issue x in 0..steps; A values x/steps, B values 1 − x/steps. Position = x."""
    x = Issue.integer("x", 0, steps)
    a = LinearAdditive((1.0,), (Linear(1.0 / steps, 0.0),))
    b = LinearAdditive((1.0,), (Linear(-1.0 / steps, 1.0),))
    return Scenario("line", (x,), (Party("A", a, reservation_a), Party("B", b, reservation_b)))


def price_colour(b_likes: str = "blue") -> Scenario:
    """price 0..4 and colour red/blue (position = 2·price + colour). A cares only about a high price; B wants a
    low price and blue (or ``b_likes`` red), equally."""
    price = Issue.integer("price", 0, 4)
    colour = Issue.categorical("colour", ["red", "blue"])
    a = LinearAdditive((1.0, 0.0), (Linear(0.25, 0.0), Table((0.0, 0.0))))
    b = LinearAdditive((0.5, 0.5), (Linear(-0.25, 1.0), Table((0.0, 1.0) if b_likes == "blue" else (1.0, 0.0))))
    return Scenario("price-colour", (price, colour), (Party("A", a), Party("B", b)))


def pie(grid: int = 3001) -> Scenario:
    """A divisible good x ∈ [0, 1] on a grid: u₁ = x, u₂ = √(1 − x), no-deal 0 (Nash at x = 2/3)."""
    x = Issue.real("x", 0.0, 1.0, grid)
    a = LinearAdditive((1.0,), (Table(tuple(float(v) for v in x.values)),))
    b = LinearAdditive((1.0,), (Table(tuple(math.sqrt(max(0.0, 1.0 - v)) for v in x.values)),))
    return Scenario("pie", (x,), (Party("one", a), Party("two", b)))


def three_party() -> Scenario:
    """Two issues, three parties with different tastes."""
    first = Issue.integer("first", 0, 3)
    second = Issue.categorical("second", ["a", "b", "c"])
    parties = (
        Party("P", LinearAdditive((0.6, 0.4), (Linear(1 / 3, 0.0), Table((1.0, 0.5, 0.0)))), 0.2),
        Party("Q", LinearAdditive((0.5, 0.5), (Linear(-1 / 3, 1.0), Table((0.0, 1.0, 0.5)))), 0.2),
        Party("R", LinearAdditive((0.3, 0.7), (Linear(1 / 3, 0.0), Table((0.5, 0.0, 1.0)))), 0.1),
    )
    return Scenario("three", (first, second), parties)
